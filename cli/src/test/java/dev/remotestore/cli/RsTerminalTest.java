package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotestore.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar: drawn on stderr when it is a terminal (a pseudo-terminal from util-linux's
 * {@code script}), never when stderr is a pipe. The transfer is a 24 MiB upload to S3Proxy, long
 * enough for several redraws.
 */
class RsTerminalTest {
    static final Path SCRIPT = Path.of("/usr/bin/script");
    static final int SIZE = 24 << 20;

    @TempDir
    Path work;

    Path config;
    Path big;
    Path small;

    @BeforeEach
    void prepare() throws IOException {
        S3ProxyServer server = S3ProxyServer.shared();
        config = Files.writeString(work.resolve("rs.conf"), "remote-store { backends.b { type = s3, bucket = "
                + server.bucket() + ", region = us-east-1, endpoint = \"" + server.endpoint() + "\", path-style = true,"
                + " credentials { access-key-id = " + S3ProxyServer.ACCESS_KEY + ", secret-access-key = \"" + S3ProxyServer.SECRET_KEY
                + "\" } }, stores.st { backend = b, root-path = \"" + S3ProxyServer.uniquePrefix("tty") + "\" } }\n");
        big = RsRun.write(work.resolve("big.bin"), RsRun.randomBytes(SIZE, 5));
        small = RsRun.write(work.resolve("small.bin"), RsRun.randomBytes(1 << 20, 6));
    }

    /** Runs a shell command line inside a pseudo-terminal; returns what the terminal showed. */
    private String inTerminal(String commandLine) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed: no pseudo-terminal to test the bar in");
        Process p = new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c", commandLine, "/dev/null")
                .directory(work.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] shown = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        // the terminal turns each \n into \r\n (onlcr): undo that, so \r means a redraw
        String text = new String(shown, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private String rsLine(String... args) {
        StringBuilder s = new StringBuilder("'" + RsRun.LAUNCHER + "'");
        for (String a : args) {
            s.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return s.toString();
    }

    @Test
    void barRendersInATerminalAndEndsAtHundredPercent() throws Exception {
        String shown = inTerminal(rsLine("cp", "--config=" + config, big.toString(), "st:big.bin"));
        List<String> frames = List.of(shown.split("\r"));
        assertTrue(frames.size() >= 3, "several redraws: " + shown);
        assertTrue(frames.stream().anyMatch(f -> f.matches("\\[#*\\.+\\]\\s+\\d+%.*")), "a bar partway: " + shown);
        String last = frames.get(frames.size() - 1);
        assertTrue(last.startsWith("[########################] 100%  24.0 MiB / 24.0 MiB"), last);
        assertTrue(last.stripTrailing().length() < last.length() && last.endsWith("\n"), "the last frame ends the line: " + last);
        assertEquals(RsRun.sha(big), RsRun.sha(new RsRun().run("cat", "--config=" + config, "st:big.bin").expect(0).stdoutBytes()));
    }

    @Test
    void noBarWhenAskedNotToEvenInATerminal() throws Exception {
        String shown = inTerminal(rsLine("cp", "--no-progress", "--config=" + config, small.toString(), "st:quiet.bin"));
        assertEquals("", shown);
    }

    @Test
    void noProgressOutputWhenStderrIsNotATerminal() {
        RsRun.Result r = new RsRun().in(work).run("cp", "--config=" + config, small.toString(), "st:piped.bin").expect(0);
        assertEquals("", r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void progressFlagForcesTheBarOntoAPipe() {
        RsRun.Result r = new RsRun().in(work).run("cp", "--progress", "--config=" + config, small.toString(), "st:forced.bin").expect(0);
        assertTrue(r.stderr().contains("100%"), r.stderr());
        assertFalse(r.stdout().contains("%"), r.stdout());
    }
}
