package dev.remotestore.cli;

import dev.remotestore.FolderCopyOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.TransferSummary;
import dev.remotestore.Transfers;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs cp [-r] [-f] SRC DST}. */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy a file, or with -r a folder.",
                "With -r the files under SRC go to the same relative paths under DST.",
                "Create-only unless -f: an existing target is an error (exit 4) and is left as it was.",
                "A DST ending in / or naming an existing folder receives the file under its own name."})
final class CpCommand extends StoreCommand {
    @Option(names = {"-r", "--recursive"}, description = "Copy the files under the SRC folder")
    boolean recursive;

    @Option(names = {"-f", "--force"}, description = "Replace existing targets")
    boolean force;

    @Option(names = "--if-match", paramLabel = "ETAG", description = "Upload only if the target's ETag is ETAG (compare-and-swap; local SRC only)")
    String ifMatch;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", defaultValue = "4", description = "Files copied at once with -r (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--glob", paramLabel = "PATTERN", description = "With -r: only files whose name matches, e.g. *.csv")
    String glob;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    @Override
    int run(Session session) {
        Target from = session.resolve(source).requireLocalExists();
        Target to = session.resolve(destination);
        if (recursive && !from.isFile()) {
            return copyFolder(session, from, to);
        }
        Target target = fileDestination(from, to, "use cp -r");
        FileCopy.Result r = FileCopy.copy(from, target, force, ifMatch, session.progress());
        if (session.json()) {
            session.out().println(new Json().put("filesCopied", 1).put("bytesCopied", r.bytes()).put("filesSkipped", 0)
                    .put("filesFailed", 0).put("etag", r.etag()));
        }
        return ExitCodes.OK;
    }

    private int copyFolder(Session session, Target from, Target to) {
        if (!from.isFolder()) {
            throw new NotFoundException("no such folder", from.display());
        }
        if (ifMatch != null) {
            throw new UsageException("--if-match applies to one file, not to cp -r");
        }
        FolderCopyOptions options = FolderCopyOptions.defaults().parallelism(parallel)
                .existing(force ? FolderCopyOptions.Existing.OVERWRITE : FolderCopyOptions.Existing.FAIL);
        if (glob != null) {
            options = options.glob(glob);
        }
        TransferSummary summary = Transfers.copyFolder(from.store(), from.path(), to.store(), to.path(), options, session.progress());
        return report(session, summary.filesCopied(), summary.bytesCopied(), summary.filesSkipped(), 0, summary.failures());
    }

    /** Prints a folder operation's summary and its failures; the exit code is the first failure's. */
    static int report(Session session, long copied, long bytes, long skipped, long deleted, List<TransferSummary.Failure> failures) {
        if (session.json()) {
            List<Json> failed = new ArrayList<>();
            for (TransferSummary.Failure f : failures) {
                failed.add(new Json().put("path", f.path()).put("error", Rs.oneLine(f.error())).put("exitCode", ExitCodes.of(f.error())));
            }
            session.out().println(new Json().put("filesCopied", copied).put("bytesCopied", bytes).put("filesSkipped", skipped)
                    .put("filesDeleted", deleted).put("filesFailed", failures.size()).put("failures", failed));
        } else {
            session.out().println(copied + " files copied (" + bytes + " bytes), " + skipped + " skipped, "
                    + (deleted > 0 ? deleted + " deleted, " : "") + failures.size() + " failed");
        }
        for (TransferSummary.Failure f : failures) {
            System.err.println("rs: " + f.path() + ": " + Rs.oneLine(f.error()));
        }
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.of(failures.get(0).error());
    }
}
