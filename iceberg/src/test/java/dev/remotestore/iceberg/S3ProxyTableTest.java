package dev.remotestore.iceberg;

/** A real table on S3Proxy. */
class S3ProxyTableTest extends TableContract {
    @Override
    protected TestStores newStores() {
        return TestStores.s3();
    }
}
