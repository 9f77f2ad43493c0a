package dev.remotestore.micrometer;

import dev.remotestore.s3.S3ProxyServer;

/** Metrics on {@code type = s3} against S3Proxy in this JVM. */
class S3ProxyMetricsTest extends MetricsContract {
    @Override
    protected String backendBlock() {
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
}
