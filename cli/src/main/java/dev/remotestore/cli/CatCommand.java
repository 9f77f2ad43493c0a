package dev.remotestore.cli;

import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rs cat TARGET...}. */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Write files' bytes to stdout, streamed.")
final class CatCommand extends StoreCommand {
    @Parameters(paramLabel = "TARGET", arity = "1..*", description = "Files to print, in order")
    List<String> targets;

    @Override
    int run(Session session) throws Exception {
        for (String text : targets) {
            Target t = session.resolve(text).requireLocalExists();
            try (InputStream in = t.store().read(t.path())) {
                in.transferTo(session.out());
            }
        }
        session.out().flush();
        return ExitCodes.OK;
    }
}
