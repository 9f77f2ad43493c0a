package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);

    private String drawn() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    private static TransferProgress at(long done, long total, double rate, long seconds, boolean finished) {
        return new TransferProgress(done, total, finished ? 1 : 0, 1, rate, Duration.ofSeconds(seconds), finished);
    }

    @Test
    void halfwayLineShowsBarPercentBytesRateAndEta() {
        String line = ConsoleProgress.line(at(8L << 20, 16L << 20, 4 << 20, 2, false));
        assertEquals("[############............]  50%  8.0 MiB / 16.0 MiB  4.0 MiB/s  ETA 0:02", line);
    }

    @Test
    void redrawsInPlaceAndEndsAtHundredPercentWithOneNewline() {
        ConsoleProgress progress = new ConsoleProgress(out);
        progress.onProgress(at(1 << 20, 4 << 20, 1 << 20, 1, false));
        progress.onProgress(at(2 << 20, 4 << 20, 1 << 20, 2, false));
        progress.onProgress(at(4 << 20, 4 << 20, 1 << 20, 4, true));
        progress.onProgress(at(4 << 20, 4 << 20, 1 << 20, 5, true)); // after the end: ignored
        String text = drawn();
        assertEquals(3, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
        assertEquals(1, text.split(System.lineSeparator(), -1).length - 1, "exactly one newline: " + text);
        String last = text.substring(text.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("[########################] 100%  4.0 MiB / 4.0 MiB"), last);
        assertTrue(last.contains("in 0:04"), last);
    }

    @Test
    void aShorterLineBlanksWhatTheLongerOneLeft() {
        ConsoleProgress progress = new ConsoleProgress(out);
        progress.onProgress(new TransferProgress(1_000_000, -1, 0, -1, 123_456_789, Duration.ofSeconds(1), false));
        int first = drawn().length() - 1;
        progress.onProgress(new TransferProgress(1_000_001, -1, 0, -1, 0, Duration.ofSeconds(2), false));
        String second = drawn().substring(first + 1);
        assertEquals(first + 1, second.length(), "the redraw covers the whole previous line: " + drawn());
    }

    @Test
    void unknownTotalDrawsNoBarAndFoldersCountFiles() {
        String line = ConsoleProgress.line(new TransferProgress(1536, -1, 2, 10, 0, Duration.ZERO, false));
        assertFalse(line.contains("["), line);
        assertEquals("1.5 KiB  0 B/s  ETA --:--  files 2/10", line);
    }

    @Test
    void unitsAndClock() {
        assertEquals("0 B", ConsoleProgress.bytes(0));
        assertEquals("1023 B", ConsoleProgress.bytes(1023));
        assertEquals("1.0 KiB", ConsoleProgress.bytes(1024));
        assertEquals("1.0 GiB", ConsoleProgress.bytes(1L << 30));
        assertEquals("0:07", ConsoleProgress.clock(Duration.ofSeconds(7)));
        assertEquals("1:02:03", ConsoleProgress.clock(Duration.ofSeconds(3723)));
    }

    @Test
    void anEmptyFileEndsAtHundredPercent() {
        String line = ConsoleProgress.line(new TransferProgress(0, 0, 1, 1, 0, Duration.ZERO, true));
        assertTrue(line.contains("100%"), line);
    }
}
