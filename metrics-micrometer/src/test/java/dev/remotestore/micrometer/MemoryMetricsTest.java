package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Registry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
