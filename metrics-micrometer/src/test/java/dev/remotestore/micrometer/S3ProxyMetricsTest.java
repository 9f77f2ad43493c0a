package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.s3.S3ProxyServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metrics on {@code type = s3} against S3Proxy in this JVM. */
class S3ProxyMetricsTest extends MetricsContract {
    @Override
    protected String backendBlock() {
        return block();
    }

    static String block() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return "type = s3, bucket = " + s3.bucket() + ", region = " + S3ProxyServer.REGION
                + ", endpoint = \"" + s3.endpoint() + "\", path-style = true"
                + ", credentials { access-key-id = " + S3ProxyServer.ACCESS_KEY
                + ", secret-access-key = " + S3ProxyServer.SECRET_KEY + " }";
    }

    @Override
    protected String backendType() {
        return "s3";
    }

    @Test
    void theSdkClientReportsEachApiCallIntoTheSameRegistry() {
        byte[] data = "sdk metrics".getBytes(StandardCharsets.UTF_8);
        store.write("sdk/a.txt", data);
        assertArrayEquals(data, store.readBytes("sdk/a.txt"));

        Timer put = sdkCall(meters, "PutObject");
        Timer get = sdkCall(meters, "GetObject");
        assertNotNull(put, "no " + AwsSdkMetricPublisher.API_CALL + " timer for PutObject");
        assertNotNull(get, "no " + AwsSdkMetricPublisher.API_CALL + " timer for GetObject");
        assertEquals(1, put.count());
        assertEquals(1, get.count());
        assertTrue(put.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        assertEquals(0, meters.get(AwsSdkMetricPublisher.RETRIES).tags("operation", "PutObject").counter().count());
    }

    @Test
    void metricsSwitchedOffAttachNoSdkPublisher() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        String hocon = "remote-store { observability { metrics = off }\n backends { b { " + block() + " } }\n"
                + " stores { data { backend = b, root-path = \"m-" + UUID.randomUUID() + "\" } } }";
        try (Registry off = Registry.builder().config(ConfigFactory.parseString(hocon))
                .observability(MicrometerObservability.with(own)).build()) {
            Store s = off.getStore("data");
            s.write("sdk/b.txt", new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, s.readBytes("sdk/b.txt"));
        }
        assertTrue(own.getMeters().isEmpty(), () -> "meters recorded with metrics = off: " + own.getMeters());
    }

    static Timer sdkCall(SimpleMeterRegistry meters, String operation) {
        return meters.find(AwsSdkMetricPublisher.API_CALL)
                .tags("service", "S3", "operation", operation, "outcome", "success").timer();
    }
}
