package dev.remotestore;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a transfer. Byte and file counts never go down from one call to the next.
 *
 * @param bytesDone       bytes moved so far
 * @param bytesTotal      bytes to move in all, or -1 while unknown
 * @param filesDone       files finished so far (copied, skipped or failed); 0 or 1 for one file
 * @param filesTotal      files to move in all, or -1 while unknown (a folder still being listed)
 * @param bytesPerSecond  the recent rate
 * @param elapsed         time since the transfer started
 * @param finished        whether this is the last call
 */
public record TransferProgress(long bytesDone, long bytesTotal, long filesDone, long filesTotal,
        double bytesPerSecond, Duration elapsed, boolean finished) {

    /** The time left at the recent rate, when the total is known and the rate is not zero. */
    public Optional<Duration> eta() {
        if (bytesTotal < 0 || bytesPerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, bytesTotal - bytesDone);
        return Optional.of(Duration.ofMillis((long) (left * 1000.0 / bytesPerSecond)));
    }

    /** Done as a fraction in [0, 1], when the total is known. */
    public Optional<Double> fraction() {
        if (bytesTotal < 0) {
            return Optional.empty();
        }
        return Optional.of(bytesTotal == 0 ? (finished ? 1.0 : 0.0) : Math.min(1.0, (double) bytesDone / bytesTotal));
    }
}
