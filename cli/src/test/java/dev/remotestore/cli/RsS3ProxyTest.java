package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.s3.S3ProxyServer;
import org.junit.jupiter.api.Test;

/** Every command on {@code type = s3} against S3Proxy (in this JVM, shared by the test classes). */
class RsS3ProxyTest extends StoreCommandsSuite {
    final S3ProxyServer server = S3ProxyServer.shared();

    String type() {
        return "s3";
    }

    String backend(String type, String endpoint, String secret, String more) {
        return "type = " + type + ", bucket = " + server.bucket() + ", region = us-east-1, endpoint = \"" + endpoint
                + "\", path-style = true, credentials { access-key-id = " + S3ProxyServer.ACCESS_KEY
                + ", secret-access-key = \"" + secret + "\" }"
                // the CRT's CreateMultipartUpload carries Expect: 100-continue, which S3Proxy answers badly
                + (type.equals("s3-crt") ? ", crt { drop-expect-continue = true }" : "") + more;
    }

    @Override
    String backendBlock() {
        return backend(type(), server.endpoint().toString(), S3ProxyServer.SECRET_KEY, "");
    }

    @Override
    String extraBackends() {
        return "    denied { " + backend(type(), server.endpoint().toString(), "rs-test-WRONG-secret", "") + " }\n"
                + "    down { " + backend(type(), "http://127.0.0.1:1", S3ProxyServer.SECRET_KEY, ", retry { max-attempts = 1 }, timeouts { connect = 2s }") + " }\n";
    }

    @Override
    String extraStores() {
        return "    denied { backend = denied }\n    down { backend = down }\n";
    }

    @Override
    String extraTopLevel() {
        return type().equals("s3-crt") ? "url-defaults { s3 { type = s3-crt, crt { drop-expect-continue = true } } }" : "";
    }

    @Override
    String uniqueRoot(String label) {
        return S3ProxyServer.uniquePrefix(label);
    }

    @Override
    String url(String root, String path) {
        return "s3://" + server.bucket() + "/" + root + "/" + path;
    }

    @Override
    RsRun withUrlEnvironment(RsRun run) {
        return run.env("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY)
                .env("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY)
                .env("AWS_ENDPOINT_URL_S3", server.endpoint().toString())
                .env("AWS_REGION", "us-east-1")
                .env("AWS_EC2_METADATA_DISABLED", "true");
    }

    @Test
    void wrongCredentialsExitPermissionDeniedWithoutTheSecretAndAnIllegalPathIsBadUsage() {
        RsRun.Result r = rs("ls", "denied:").expect(ExitCodes.PERMISSION_DENIED);
        assertOneLineNaming(r, "Permission denied", "denied");
        assertFalse(r.stderr().contains("WRONG"), r.stderr());
        assertFalse(r.stderr().contains(S3ProxyServer.SECRET_KEY), r.stderr());
        assertTrue(rs("ls", "st:../x").expect(ExitCodes.USAGE).stderr().contains("Illegal path"));
    }

    @Test
    void unreachableServerExitsUnavailable() {
        assertOneLineNaming(rs("stat", "down:x.bin").expect(ExitCodes.UNAVAILABLE), "Backend unavailable", "down/x.bin");
    }
}
