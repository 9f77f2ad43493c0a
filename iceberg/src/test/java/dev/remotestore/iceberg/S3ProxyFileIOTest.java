package dev.remotestore.iceberg;

/** The FileIO contract on an {@code s3} store against S3Proxy in this JVM, {@code s3://} locations. */
class S3ProxyFileIOTest extends FileIOContract {
    @Override
    protected TestStores newStores() {
        return TestStores.s3();
    }
}
