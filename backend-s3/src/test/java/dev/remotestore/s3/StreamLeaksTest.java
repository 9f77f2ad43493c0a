package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link StreamLeaks} on its own, as another backend's streams would use it: release once, WARN only for a leak. */
class StreamLeaksTest {

    @Test
    void anUnreachableStreamIsReleasedOnceWithOneWarning() throws InterruptedException {
        AtomicInteger released = new AtomicInteger();
        try (LogCapture log = LogCapture.of(StreamLeaks.class)) {
            watchAndForget(released);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (released.get() == 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, released.get());
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("a test stream of s3://b/k was never closed"), warnings.get(0));
        }
    }

    @Test
    void aClosedStreamIsReleasedOnceWithoutWarning() throws InterruptedException {
        AtomicInteger released = new AtomicInteger();
        try (LogCapture log = LogCapture.of(StreamLeaks.class)) {
            Object stream = new Object();
            StreamLeaks.Watch watch = StreamLeaks.watch(stream, "a test stream of s3://b/k", released::incrementAndGet);
            watch.closed();
            watch.closed();
            stream = null;
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, released.get());
            assertEquals(List.of(), log.warnings());
        }
    }

    private static void watchAndForget(AtomicInteger released) {
        StreamLeaks.watch(new Object(), "a test stream of s3://b/k", released::incrementAndGet);
    }
}
