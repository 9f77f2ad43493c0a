package dev.remotestore.cli;

/** The same commands on {@code type = s3-crt} against S3Proxy: the CRT's file transfers and copies. */
class RsS3CrtProxyTest extends RsS3ProxyTest {
    @Override
    String type() {
        return "s3-crt";
    }
}
