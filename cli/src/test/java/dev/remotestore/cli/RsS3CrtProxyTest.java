package dev.remotestore.cli;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The same commands on {@code type = s3-crt} against S3Proxy: the CRT's file transfers and copies. */
class RsS3CrtProxyTest extends RsS3ProxyTest {
    @Override
    String type() {
        return "s3-crt";
    }

    @Override
    @Test
    @Disabled("listing and its error mapping are backend-s3's control path, shared by s3-crt: RsS3ProxyTest runs it")
    void wrongCredentialsExitPermissionDeniedWithoutTheSecretAndAnIllegalPathIsBadUsage() {
    }

    @Override
    @Test
    @Disabled("a HEAD on the control path, backend-s3's: RsS3ProxyTest runs it")
    void unreachableServerExitsUnavailable() {
    }
}
