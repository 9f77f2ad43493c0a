package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Real error responses of S3Proxy, as the Store reports them: typed, with the S3 request id
 * (S3Proxy sends {@code x-amz-request-id} on every error, as AWS does; HEAD errors have no
 * body but still carry the header), never an {@code SdkException}, never the secret.
 */
class S3ErrorMappingTest {
    static final String WRONG_SECRET = "WRONG-secret-4d2c8a7f11";

    final List<S3TestStores.OpenStore> opened = new ArrayList<>();
    String root;
    Store good;

    @BeforeEach
    void open(TestInfo info) {
        root = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName());
        good = open(S3TestStores.on(S3ProxyServer.shared()).rootPath(root)).store();
    }

    @AfterEach
    void close() {
        try {
            good.deleteFolder("", true);
        } finally {
            opened.forEach(S3TestStores.OpenStore::close);
        }
    }

    S3TestStores.OpenStore open(S3TestStores config) {
        S3TestStores.OpenStore o = config.open();
        opened.add(o);
        return o;
    }

    /** Runs {@code call}, asserts it throws {@code type}, and checks what every error must satisfy. */
    static <T extends RemoteStoreException> T expect(Class<T> type, Executable call) {
        Throwable thrown = assertThrows(Throwable.class, call);
        assertFalse(thrown instanceof SdkException, "an SDK exception left the store: " + thrown);
        T e = assertInstanceOf(type, thrown, () -> "expected " + type.getSimpleName() + " but got " + thrown);
        assertNoSecret(e);
        assertEquals("s3", e.backendType());
        assertEquals("t", e.storeName());
        return e;
    }

    static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t + " " + t.getMessage();
            assertFalse(text.contains(S3ProxyServer.SECRET_KEY), "the secret appears in " + text);
            assertFalse(text.contains(WRONG_SECRET), "the (wrong) secret appears in " + text);
            for (Throwable s : t.getSuppressed()) {
                assertNoSecret(s);
            }
        }
    }

    /** The S3 request id of the native cause, which the message must repeat. */
    static void assertCarriesRequestId(RemoteStoreException e) {
        S3Exception s3 = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof S3Exception x) {
                s3 = x;
                break;
            }
        }
        assertTrue(s3 != null, "the native S3Exception is the cause: " + e);
        String id = s3.requestId();
        assertTrue(id != null && !id.isBlank(), "S3Proxy sends x-amz-request-id");
        assertTrue(e.getMessage().contains(id), "message names the request id " + id + ": " + e.getMessage());
    }

    @Test
    void missingKeyIsNotFound() {
        NotFoundException read = expect(NotFoundException.class, () -> good.readBytes("missing.txt"));
        assertEquals("missing.txt", read.path());
        assertCarriesRequestId(read);
        NotFoundException info = expect(NotFoundException.class, () -> good.getFileInfo("missing.txt"));
        assertCarriesRequestId(info); // a HEAD: no error body, but the request id header
        expect(NotFoundException.class, () -> {
            try (InputStream in = good.read("missing.txt")) {
                in.read();
            }
        });
        expect(NotFoundException.class, () -> good.delete("missing.txt"));
        expect(NotFoundException.class, () -> good.copy("missing.txt", "other.txt"));
        assertFalse(good.deleteIfExists("missing.txt"));
    }

    @Test
    void missingBucketIsNotFound() {
        Store nowhere = open(S3TestStores.on(S3ProxyServer.shared()).bucket("rs-no-such-bucket").rootPath(root)).store();
        NotFoundException read = expect(NotFoundException.class, () -> nowhere.readBytes("a.txt"));
        assertCarriesRequestId(read);
        expect(NotFoundException.class, () -> nowhere.write("a.txt", new byte[] {1}, WriteOptions.overwrite()));
        expect(NotFoundException.class, () -> {
            try (var s = nowhere.listFiles("", ListOptions.recursive())) {
                s.count();
            }
        });
        String message = expect(NotFoundException.class, () -> nowhere.write("b.txt", new byte[] {1}, WriteOptions.overwrite())).getMessage();
        assertTrue(message.toLowerCase().contains("bucket"), "says the bucket is missing: " + message);
    }

    @Test
    void wrongSecretIsPermissionDenied() {
        Store denied = open(S3TestStores.on(S3ProxyServer.shared()).secret(WRONG_SECRET).rootPath(root)).store();
        good.write("a.txt", new byte[] {1}, WriteOptions.overwrite());
        PermissionDeniedException read = expect(PermissionDeniedException.class, () -> denied.readBytes("a.txt"));
        assertCarriesRequestId(read);
        expect(PermissionDeniedException.class, () -> denied.getFileInfo("a.txt")); // HEAD: bare 403
        expect(PermissionDeniedException.class, () -> denied.write("b.txt", new byte[] {1}, WriteOptions.overwrite()));
        expect(PermissionDeniedException.class, () -> {
            try (var s = denied.listFiles("", ListOptions.recursive())) {
                s.count();
            }
        });
        expect(PermissionDeniedException.class, () -> denied.exists("a.txt"));
        assertFalse(denied.toString().contains(WRONG_SECRET));
    }

    @Test
    void anUnreachableEndpointIsBackendUnavailable() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Store down = open(S3TestStores.on(S3ProxyServer.shared()).endpoint(URI.create("http://127.0.0.1:" + freePort))
                .rootPath(root).extra("retry { max-attempts = 2 }, timeouts { connect = 1s, api-call = 10s }")).store();
        long start = System.nanoTime();
        expect(BackendUnavailableException.class, () -> down.readBytes("a.txt"));
        expect(BackendUnavailableException.class, () -> down.write("a.txt", new byte[] {1}, WriteOptions.overwrite()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "fails fast");
    }

    @Test
    void secretsAreMaskedInConfigAndStoreDescriptions() {
        S3TestStores.OpenStore o = opened.get(0);
        assertFalse(o.registry().toString().contains(S3ProxyServer.SECRET_KEY), o.registry().toString());
        assertFalse(o.store().toString().contains(S3ProxyServer.SECRET_KEY), o.store().toString());
        assertTrue(o.hocon().contains(S3ProxyServer.SECRET_KEY), "the test really configured the secret");
    }
}
