package dev.remotestore;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link TransferListener} that draws a one-line progress bar on a terminal: a bar and the
 * percentage when the total is known, bytes done and total in binary units, the rate, the time
 * left, and files done and total for a folder:
 *
 * <pre>
 * [##########..........]  50%  8.0 MiB / 16.0 MiB  4.0 MiB/s  ETA 0:02  files 3/6
 * </pre>
 *
 * <p>Each call redraws the line in place (a carriage return, the line, and spaces over what a
 * longer previous line left); the last call ({@link TransferProgress#finished()}) draws the final
 * state and ends the line with a newline, after which the listener draws nothing more. Meant for
 * a stream that is a terminal: on a file or a pipe the carriage returns pile up, so callers
 * decide whether to use it (the {@code rs} command line does so only when stderr is a terminal).
 * Thread-safe.
 */
public final class ConsoleProgress implements TransferListener {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private int lastLength;
    private String lastLine = "";
    private boolean done;

    /** Draws on {@code out}, usually {@code System.err}. */
    public ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out is null");
    }

    @Override
    public synchronized void onProgress(TransferProgress progress) {
        if (done) {
            return;
        }
        String line = line(progress);
        if (progress.finished()) {
            done = true;
        } else if (line.equals(lastLine)) {
            return; // nothing visible changed: spare the terminal a redraw
        }
        StringBuilder text = new StringBuilder(line.length() + lastLength + 2).append('\r').append(line);
        for (int i = line.length(); i < lastLength; i++) {
            text.append(' ');
        }
        if (progress.finished()) {
            text.append(System.lineSeparator());
        }
        out.print(text);
        out.flush();
        lastLine = line;
        lastLength = line.length();
    }

    /** The line drawn for one snapshot, without carriage return or padding. */
    static String line(TransferProgress p) {
        StringBuilder s = new StringBuilder(96);
        p.fraction().ifPresent(f -> {
            int filled = (int) Math.floor(f * BAR_WIDTH);
            s.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            s.append(String.format(Locale.ROOT, "%3d%%  ", (int) Math.floor(f * 100)));
        });
        s.append(bytes(p.bytesDone()));
        if (p.bytesTotal() >= 0) {
            s.append(" / ").append(bytes(p.bytesTotal()));
        }
        if (p.finished()) {
            s.append("  ").append(bytes((long) average(p))).append("/s  in ").append(clock(p.elapsed()));
        } else {
            s.append("  ").append(bytes((long) p.bytesPerSecond())).append("/s");
            s.append("  ETA ").append(p.eta().map(ConsoleProgress::clock).orElse("--:--"));
        }
        if (p.filesTotal() > 1 || (p.filesTotal() < 0 && p.filesDone() > 0)) {
            s.append("  files ").append(p.filesDone()).append('/').append(p.filesTotal() < 0 ? "?" : p.filesTotal());
        }
        return s.toString();
    }

    private static double average(TransferProgress p) {
        double seconds = p.elapsed().toNanos() / 1e9;
        return seconds <= 0 ? p.bytesPerSecond() : p.bytesDone() / seconds;
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 16.0 MiB}, ... */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    static String clock(Duration d) {
        long total = Math.max(0, d.toSeconds());
        long h = total / 3600;
        long m = (total % 3600) / 60;
        long sec = total % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
