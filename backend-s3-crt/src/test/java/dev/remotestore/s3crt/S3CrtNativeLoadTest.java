package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.crt.CRT;

/**
 * The aws-crt native library loads and serves a round trip on this JVM. The default execution
 * runs it on the build's Java (17); the {@code temurin-25} profile runs it again on the Temurin
 * 25 JDK with {@code --enable-native-access=ALL-UNNAMED}, and sets {@code rs.expectJavaFeature}
 * so the run proves it was that JDK.
 */
class S3CrtNativeLoadTest {
    @Test
    void nativeLibraryLoadsAndTheCrtClientRoundTrips() {
        String expected = System.getProperty("rs.expectJavaFeature");
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), Runtime.version().feature(), "the execution runs on the intended JDK");
        }
        new CRT(); // loads the native library, or throws
        System.out.printf("aws-crt loaded on Java %s (%s)%n", Runtime.version(), CRT.getOSIdentifier());
        try (CrtTestStores.OpenStore open = CrtTestStores.on(S3ProxyServer.shared())
                .rootPath(S3ProxyServer.uniquePrefix("crt-native")).open()) {
            Store store = open.store();
            store.writeText("hello.txt", "hello from the CRT", WriteOptions.overwrite());
            assertEquals("hello from the CRT", store.readText("hello.txt"));
            store.deleteFolder("", true);
        }
    }
}
