package dev.remotestore.cli;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs presign [--expires D] [--write] TARGET}. */
@Command(name = "presign", mixinStandardHelpOptions = true,
        description = {"Print a presigned URL for a file.",
                "The URL lets its bearer GET (or with --write PUT) the file until it expires.",
                "Backends without presigning (local, memory) refuse with exit 8."})
final class PresignCommand extends StoreCommand {
    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long the URL works: 90s, 15m, 2h, 7d or ISO-8601 (PT15M); default ${DEFAULT-VALUE}")
    String expires;

    @Option(names = "--write", description = "A URL for uploading (PUT) instead of reading")
    boolean write;

    @Parameters(paramLabel = "TARGET")
    String target;

    @Override
    int run(Session session) {
        Duration expiry = duration(expires);
        Target t = session.resolve(target);
        URI url = write ? t.store().presignWrite(t.path(), expiry) : t.store().presignRead(t.path(), expiry);
        if (session.json()) {
            session.out().println(new Json().put("url", url.toString()).put("method", write ? "PUT" : "GET")
                    .put("expiresInSeconds", expiry.toSeconds()));
        } else {
            session.out().println(url);
        }
        return ExitCodes.OK;
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.matches("[0-9]+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                throw new UsageException("--expires: expected 90s, 15m, 2h, 7d or PT15M, not '" + text + "'");
            }
            if (d.isZero() || d.isNegative()) {
                throw new UsageException("--expires must be positive: " + text);
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UsageException("--expires: expected 90s, 15m, 2h, 7d or PT15M, not '" + text + "'");
        }
    }
}
