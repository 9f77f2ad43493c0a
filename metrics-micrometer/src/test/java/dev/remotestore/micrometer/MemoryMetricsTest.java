package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Registry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Metrics on {@code type = memory}; and the module found on the class path by a plain registry. */
class MemoryMetricsTest extends MetricsContract {
    @Override
    protected String backendBlock() {
        return "type = memory";
    }

    @Override
    protected String backendType() {
        return "memory";
    }

    @Test
    void concurrentOperationsAreEachCountedOnce() throws Exception {
        int threads = 8;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.write("c/" + id + "/" + i, new byte[10]);
                        store.readBytes("c/" + id + "/" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(threads * each, timer("write", "success").count());
        assertEquals(threads * each, timer("read", "success").count());
        assertEquals(threads * each * 10.0, bytes("read"));
        assertEquals(threads * each * 10.0, bytes("write"));
        assertEquals(0, active());
    }

    @Test
    void onTheClassPathItRecordsIntoTheGlobalRegistryUnlessSwitchedOff() {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            String on = "remote-store { backends { b { type = memory } }, stores { g { backend = b } } }";
            try (Registry r = Registry.fromHocon(on)) {
                r.getStore("g").write("x", new byte[2]);
            }
            assertEquals(1, global.get(MeterNames.OPERATION).tags("store", "g", "operation", "write").timer().count());
            String off = "remote-store { backends { b { type = memory } }, stores { h { backend = b } }, observability.metrics = off }";
            try (Registry r = Registry.fromHocon(off)) {
                r.getStore("h").write("x", new byte[2]);
            }
            assertEquals(null, global.find(MeterNames.OPERATION).tags("store", "h").timer());
        } finally {
            Metrics.removeRegistry(global);
        }
    }
}
