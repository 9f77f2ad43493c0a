package dev.remotestore.cli;

import dev.remotestore.NotFoundException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs rm [-r] TARGET...}. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Delete files, or with -r folders.", "A missing target is an error (exit 3)."})
final class RmCommand extends StoreCommand {
    @Option(names = {"-r", "--recursive"}, description = "Delete folders with their files")
    boolean recursive;

    @Parameters(paramLabel = "TARGET", arity = "1..*")
    List<String> targets;

    @Override
    int run(Session session) {
        for (String text : targets) {
            Target t = session.resolve(text).requireLocalExists();
            if (t.isFile()) {
                t.store().delete(t.path());
                print(session, t, 1);
            } else if (t.isFolder()) {
                if (!recursive) {
                    throw new UsageException(t.display() + " is a folder: use rm -r");
                }
                print(session, t, t.store().deleteFolder(t.path(), true));
            } else {
                throw new NotFoundException("no such file or folder", t.display());
            }
        }
        return ExitCodes.OK;
    }

    private static void print(Session session, Target t, long files) {
        if (session.json()) {
            session.out().println(new Json().put("target", t.display()).put("filesDeleted", files));
        }
    }
}
