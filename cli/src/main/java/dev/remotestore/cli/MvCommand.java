package dev.remotestore.cli;

import dev.remotestore.CopyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs mv [-f] SRC DST}. */
@Command(name = "mv", mixinStandardHelpOptions = true,
        description = {"Move a file.",
                "Within one store the store's own move (atomic where the backend says so), otherwise a copy then a delete of the source.",
                "Create-only unless -f."})
final class MvCommand extends StoreCommand {
    @Option(names = {"-f", "--force"}, description = "Replace an existing target")
    boolean force;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    @Override
    int run(Session session) {
        Target from = session.resolve(source).requireLocalExists();
        Target to = session.resolve(destination);
        Target target = fileDestination(from, to, "mv moves files");
        if (!from.isLocal() && !target.isLocal() && from.store() == target.store()) {
            from.store().move(from.path(), target.path(), force ? CopyOptions.overwrite() : CopyOptions.createOnly());
            return ExitCodes.OK;
        }
        FileCopy.copy(from, target, force, null, session.progress());
        if (from.isLocal()) {
            try {
                Files.delete(from.local());
            } catch (IOException e) {
                throw new UncheckedIOException("copied, but cannot delete " + from.display() + ": " + e.getMessage(), e);
            }
        } else {
            from.store().delete(from.path());
        }
        return ExitCodes.OK;
    }
}
