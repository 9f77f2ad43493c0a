package dev.remotestore.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rs}, the remote-store command line: files on local disk, in configured stores
 * ({@code STORE:path}) and behind storage URLs, with one set of commands. Exit codes are listed in
 * {@link ExitCodes}; a failure prints one line on stderr naming the store and the path.
 */
@Command(name = "rs", mixinStandardHelpOptions = true, versionProvider = Rs.Version.class,
        description = {"Files on local disk, in configured stores and in cloud storage, with one set of commands.",
                "TARGET: a local path, STORE:path (a store of --config), or a URL (s3://, gs://, az://, https://...)."},
        subcommands = {LsCommand.class, CatCommand.class, StatCommand.class, CpCommand.class, MvCommand.class,
                RmCommand.class, SyncCommand.class, PresignCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 other failure, 2 bad usage, 3 not found, 4 already exists,",
                "5 precondition failed, 6 permission denied, 7 unavailable, 8 not supported."})
public final class Rs implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: ls, cat, stat, cp, mv, rm, sync or presign");
    }

    /** Runs {@code rs} and exits with its code. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code); // SDK thread pools must not keep the program alive
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Rs());
        line.setOut(new PrintWriter(out, true, Charset.defaultCharset()));
        line.setErr(new PrintWriter(err, true, Charset.defaultCharset()));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("rs " + cmd.getCommandName() + ": " + oneLine(e));
            return ExitCodes.of(e);
        });
        line.setExitCodeExceptionMapper(ExitCodes::of);
        return line.execute(args);
    }

    /** The error's message on one line (messages listing several problems are joined). */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Rs.class.getPackage().getImplementationVersion();
            return new String[] {"rs (remote-store) " + (v == null ? "dev" : v)};
        }
    }
}
