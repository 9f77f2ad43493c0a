package dev.remotestore.micrometer;

import dev.remotestore.s3.S3ProxyServer;

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
}
