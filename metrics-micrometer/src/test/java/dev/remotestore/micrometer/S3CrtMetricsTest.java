package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.remotestore.s3.S3ProxyServer;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

/**
 * Metrics on {@code type = s3-crt} against S3Proxy in this JVM (the CRT data path for reads and
 * writes, the standard client for the rest). {@code drop-expect-continue}: S3Proxy's Jetty
 * mishandles the header the CRT sends (shared/TESTING.md).
 */
class S3CrtMetricsTest extends MetricsContract {
    @Override
    protected String backendBlock() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return "type = s3-crt, bucket = " + s3.bucket() + ", region = " + S3ProxyServer.REGION
                + ", endpoint = \"" + s3.endpoint() + "\", path-style = true"
                + ", credentials { access-key-id = " + S3ProxyServer.ACCESS_KEY
                + ", secret-access-key = " + S3ProxyServer.SECRET_KEY + " }"
                + ", crt { drop-expect-continue = true }";
    }

    @Override
    protected String backendType() {
        return "s3-crt";
    }

    @Test
    void theStandardClientReportsItsApiCalls() {
        store.write("sdk/a.txt", new byte[] {1, 2, 3});
        assertEquals(3, store.getFileInfo("sdk/a.txt").size());

        Timer head = S3ProxyMetricsTest.sdkCall(meters, "HeadObject");
        assertNotNull(head, () -> "no " + AwsSdkMetricPublisher.API_CALL + " timer for HeadObject; SDK meters: "
                + meters.find(AwsSdkMetricPublisher.API_CALL).timers().stream().map(t -> t.getId().getTags()).toList());
        assertEquals(1, head.count());
    }
}
