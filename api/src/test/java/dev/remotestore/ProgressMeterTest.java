package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The meter behind every transfer listener, on a fake clock. */
class ProgressMeterTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<TransferProgress> calls = new ArrayList<>();

    private ProgressMeter meter(long bytesTotal, long filesTotal) {
        return new ProgressMeter(calls::add, bytesTotal, filesTotal, now::get);
    }

    @Test
    void callsTheListenerAtMostOncePerIntervalHoweverOftenBytesArrive() {
        ProgressMeter meter = meter(1_000_000, 1);
        for (int i = 0; i < 1000; i++) {
            meter.accept(1000);
            now.addAndGet(MS); // 1000 updates over one simulated second
        }
        meter.finish();

        // the first update, then one per 100 ms of the 1 s, then the final call
        assertTrue(calls.size() <= 1 + 10 + 1, calls.size() + " calls");
        assertTrue(calls.size() >= 10, calls.size() + " calls");
        for (int i = 1; i < calls.size() - 1; i++) {
            long gap = calls.get(i).elapsed().minus(calls.get(i - 1).elapsed()).toNanos();
            assertTrue(gap >= ProgressMeter.INTERVAL_NANOS, "calls " + (i - 1) + " and " + i + " are " + gap + " ns apart");
        }
    }

    @Test
    void theLastCallIsFinishedOnceAtTheTotalWithTheElapsedTime() {
        ProgressMeter meter = meter(300, 1);
        meter.accept(100);
        now.addAndGet(50 * MS);
        meter.accept(200);
        meter.fileDone();
        now.addAndGet(50 * MS);
        meter.finish();
        meter.finish();

        TransferProgress last = calls.get(calls.size() - 1);
        assertEquals(1, calls.stream().filter(TransferProgress::finished).count());
        assertTrue(last.finished());
        assertEquals(300, last.bytesDone());
        assertEquals(1, last.filesDone());
        assertEquals(Duration.ofMillis(100), last.elapsed());
        assertEquals(3000.0, last.bytesPerSecond(), 1e-6, "a transfer shorter than an interval reports its average");
        assertEquals(Duration.ZERO, last.eta().orElseThrow());
    }

    @Test
    void bytesCountedTwiceNeverPassTheTotalAndNeverGoBack() {
        ProgressMeter meter = meter(100, 1);
        meter.accept(80);
        now.addAndGet(200 * MS);
        meter.accept(80); // a retried part, resent
        now.addAndGet(200 * MS);
        meter.finish();

        assertEquals(List.of(80L, 100L, 100L), calls.stream().map(TransferProgress::bytesDone).toList());
        assertEquals(160, meter.bytes(), "the uncapped count is what went over the wire");
    }

    @Test
    void totalsLearnedLaterAreReportedAndUnknownOnesAreMinusOne() {
        ProgressMeter meter = meter(-1, -1);
        meter.accept(10);
        assertEquals(-1, calls.get(0).bytesTotal());
        assertEquals(-1, calls.get(0).filesTotal());
        assertTrue(calls.get(0).fraction().isEmpty());
        meter.totals(40, 2);
        now.addAndGet(100 * MS);
        meter.accept(30);
        meter.finish();

        TransferProgress last = calls.get(calls.size() - 1);
        assertEquals(40, last.bytesTotal());
        assertEquals(2, last.filesTotal());
        assertEquals(1.0, last.fraction().orElseThrow());
    }

    @Test
    void theRateFollowsRecentThroughputAndGivesAnEta() {
        ProgressMeter meter = meter(10_000_000, 1);
        meter.accept(1); // the first call, at t = 0
        for (int i = 0; i < 10; i++) {
            now.addAndGet(100 * MS);
            meter.accept(100_000); // 1 MB/s
        }
        TransferProgress p = calls.get(calls.size() - 1);

        assertEquals(1_000_000.0, p.bytesPerSecond(), 1_000.0);
        long left = 10_000_000 - p.bytesDone();
        assertEquals(left / 1000, p.eta().orElseThrow().toMillis(), 20);
    }

    @Test
    void aFailingListenerNeverFailsTheTransferAndStillGetsItsLastCall() {
        List<TransferProgress> seen = new ArrayList<>();
        ProgressMeter meter = new ProgressMeter(p -> {
            seen.add(p);
            throw new IllegalStateException("listener bug");
        }, 10, 1, now::get);

        meter.accept(5);
        now.addAndGet(200 * MS);
        meter.accept(5);
        meter.finish();

        assertEquals(3, seen.size());
        assertTrue(seen.get(2).finished());
    }

    @Test
    void aBusyListenerIsSkippedByOtherThreadsButTheFinalCallWaitsForIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<TransferProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressMeter meter = new ProgressMeter(p -> {
            seen.add(p);
            if (seen.size() == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 100, 1, now::get);
        Thread slow = new Thread(() -> meter.accept(10));
        slow.start();
        inside.await();

        now.addAndGet(500 * MS);
        meter.accept(10); // the listener is busy: this thread goes on without a call
        assertEquals(1, seen.size());
        Thread finisher = new Thread(meter::finish);
        finisher.start();
        Thread.sleep(50);
        assertEquals(1, seen.size(), "the final call waits for the busy listener");
        release.countDown();
        finisher.join(5000);
        slow.join(5000);

        assertEquals(2, seen.size());
        assertTrue(seen.get(1).finished());
        assertEquals(20, seen.get(1).bytesDone());
    }
}
