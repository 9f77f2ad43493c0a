package dev.remotestore.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.s3.S3Client;

/** The raw-SDK probes of S3Proxy share one server, one client and a fresh key prefix per test. */
abstract class S3ProxyProbe {
    static S3ProxyServer server;
    static S3Client s3;
    String prefix;

    @BeforeAll
    static void startClient() {
        server = S3ProxyServer.shared();
        s3 = server.newClient();
    }

    @AfterAll
    static void stopClient() {
        s3.close();
    }

    @BeforeEach
    void freshPrefix(TestInfo info) {
        prefix = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName()) + "/";
    }
}
