package dev.remotestore;

import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backends are created lazily, once, shared, and all closed with the registry. */
class RegistryLifecycleTest {

    /** Backends {@code one} and {@code two} (tags {@code tag + "-1"}, {@code tag + "-2"}); stores a and b on one, c on two. */
    private static Registry twoBackends(String tag1, String tag2) {
        return Registry.fromHocon("""
                remote-store {
                  backends {
                    one { type = test-recording, name-tag = "%s" }
                    two { type = test-recording, name-tag = "%s" }
                  }
                  stores {
                    a { backend = one }
                    b { backend = one, root-path = "sub" }
                    c { backend = two }
                  }
                }
                """.formatted(tag1, tag2));
    }

    @Test
    void buildingTheRegistryCreatesNoBackend() {
        String tag1 = uniqueTag("lazy");
        String tag2 = uniqueTag("lazy");
        try (Registry registry = twoBackends(tag1, tag2)) {
            assertEquals(0, RecordingBackendProvider.created(tag1).size());
            assertEquals(0, RecordingBackendProvider.created(tag2).size());
            registry.getStore("c");
            assertEquals(0, RecordingBackendProvider.created(tag1).size(), "only the backend asked for is created");
            assertEquals(1, RecordingBackendProvider.created(tag2).size());
        }
    }

    @Test
    void storesNamingOneBackendShareOneInstance() {
        String tag1 = uniqueTag("shared");
        try (Registry registry = twoBackends(tag1, uniqueTag("other"))) {
            Store a = registry.getStore("a");
            Store b = registry.getStore("b");
            registry.getStore("a");
            assertEquals(1, RecordingBackendProvider.created(tag1).size());
            b.write("x", new byte[] {1});
            assertTrue(a.isFile("sub/x"), "b writes into a's backend under its root");
            assertSame(a.unwrap(RecordingBackend.class), b.unwrap(RecordingBackend.class));
        }
    }

    @Test
    void concurrentGetStoreCreatesTheSharedBackendExactlyOnce() throws Exception {
        String tag1 = RecordingBackendProvider.SLOW + uniqueTag("race");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Registry registry = twoBackends(tag1, uniqueTag("other"))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Store>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = i % 2 == 0 ? "a" : "b";
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.getStore(name);
                }));
            }
            start.countDown();
            RecordingBackend first = null;
            for (Future<Store> f : results) {
                RecordingBackend backend = f.get(10, TimeUnit.SECONDS).unwrap(RecordingBackend.class);
                first = first == null ? backend : first;
                assertSame(first, backend);
            }
            assertEquals(1, RecordingBackendProvider.created(tag1).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeClosesEveryCreatedBackendOnce() {
        String tag1 = uniqueTag("close");
        String tag2 = uniqueTag("close");
        Registry registry = twoBackends(tag1, tag2);
        registry.getStore("a");
        registry.getStore("c");
        registry.close();
        registry.close(); // idempotent
        assertEquals(1, RecordingBackendProvider.created(tag1).get(0).closeCount());
        assertEquals(1, RecordingBackendProvider.created(tag2).get(0).closeCount());
    }

    @Test
    void closeDoesNotCreateBackendsThatWereNeverUsed() {
        String tag1 = uniqueTag("unused");
        String tag2 = uniqueTag("unused");
        twoBackends(tag1, tag2).close();
        assertEquals(0, RecordingBackendProvider.created(tag1).size());
        assertEquals(0, RecordingBackendProvider.created(tag2).size());
    }

    @Test
    void closeContinuesPastAFailingBackendAndRethrowsTheFirstFailure() {
        String failing1 = RecordingBackendProvider.FAIL_ON_CLOSE + uniqueTag("1");
        String healthy = uniqueTag("healthy");
        String failing2 = RecordingBackendProvider.FAIL_ON_CLOSE + uniqueTag("2");
        Registry registry = Registry.fromHocon("""
                remote-store {
                  backends {
                    b1 { type = test-recording, name-tag = "%s" }
                    b2 { type = test-recording, name-tag = "%s" }
                    b3 { type = test-recording, name-tag = "%s" }
                  }
                  stores { s1 { backend = b1 }, s2 { backend = b2 }, s3 { backend = b3 } }
                }
                """.formatted(failing1, healthy, failing2));
        registry.getStore("s1");
        registry.getStore("s2");
        registry.getStore("s3");

        RemoteStoreException e = assertThrows(RemoteStoreException.class, registry::close);

        assertEquals(1, RecordingBackendProvider.created(failing1).get(0).closeCount());
        assertEquals(1, RecordingBackendProvider.created(healthy).get(0).closeCount());
        assertEquals(1, RecordingBackendProvider.created(failing2).get(0).closeCount());
        assertTrue(e.getMessage().contains("'b1'"), "the first failure is rethrown: " + e.getMessage());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("'b3'"), e.getSuppressed()[0].getMessage());
    }

    @Test
    void getStoreAfterCloseIsRefused() {
        Registry registry = twoBackends(uniqueTag("closed"), uniqueTag("closed"));
        registry.close();
        StoreClosedException e = assertThrows(StoreClosedException.class, () -> registry.getStore("a"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(registry.toString().contains("closed"), registry.toString());
    }

    @Test
    void storeOperationsAfterCloseAreRefusedWithoutTouchingTheBackend() {
        String tag1 = uniqueTag("after");
        Registry registry = twoBackends(tag1, uniqueTag("other"));
        Store a = registry.getStore("a");
        Store child = a.child("deeper");
        a.write("f.txt", "x".getBytes(StandardCharsets.UTF_8));
        RecordingBackend backend = RecordingBackendProvider.created(tag1).get(0);
        int callsBefore = backend.calls().size();
        registry.close();

        StoreClosedException e = assertThrows(StoreClosedException.class, () -> a.readBytes("f.txt"));
        assertEquals("a", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertEquals("f.txt", e.path());
        assertThrows(StoreClosedException.class, () -> a.write("g.txt", new byte[0]));
        assertThrows(StoreClosedException.class, () -> a.listFiles(""));
        assertThrows(StoreClosedException.class, () -> a.exists("f.txt"));
        assertThrows(StoreClosedException.class, () -> child.isFile("f.txt"));
        assertThrows(StoreClosedException.class, () -> a.unwrap(RecordingBackend.class));
        assertEquals(callsBefore, backend.calls().size(), "no call reached the backend after close");
    }

    @Test
    void unknownStoreNameIsNotFoundAndListsTheKnownNames() {
        try (Registry registry = twoBackends(uniqueTag("names"), uniqueTag("names"))) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> registry.getStore("nope"));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            assertTrue(e.getMessage().contains("a, b, c"), e.getMessage());
            assertNull(e.path());
        }
    }

    @Test
    void storeNamesAreTheConfiguredStores() {
        try (Registry registry = twoBackends(uniqueTag("names"), uniqueTag("names"))) {
            assertEquals(Set.of("a", "b", "c"), registry.storeNames());
            assertThrows(UnsupportedOperationException.class, () -> registry.storeNames().add("d"));
        }
    }

    @Test
    void registryWithoutStoresListsNoneWhenAskedForOne() {
        try (Registry registry = Registry.fromHocon("remote-store {}")) {
            assertEquals(Set.of(), registry.storeNames());
            NotFoundException e = assertThrows(NotFoundException.class, () -> registry.getStore("x"));
            assertTrue(e.getMessage().contains("(none)"), e.getMessage());
        }
    }

    @Test
    void storeBuiltInCodeIsNotClosedByAnything() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("code", backend, "root");
        store.write("x", new byte[] {7});
        assertEquals(List.of("root/x"), backend.keys());
        assertEquals(0, backend.closeCount());
    }
}
