package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hybrid split, counted on the wire by a proxy in front of S3Proxy: a 64 MiB write arrives as
 * an UploadPart sequence from the CRT client; a 64 MiB read as one ranged GET of the first part
 * from the standard client (which learns size and ETag) and then several ranged GETs from the CRT,
 * while listing and metadata calls arrive from the standard client. The two clients are told
 * apart by their User-Agent: the CRT's sub-requests carry the native S3 client's marker.
 */
class S3CrtSplitTest {
    static final int SIZE = 64 * 1024 * 1024;

    static CountingProxy proxy;
    static CrtTestStores.OpenStore open;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        proxy = new CountingProxy(S3ProxyServer.shared().endpoint());
        open = CrtTestStores.on(S3ProxyServer.shared()).endpoint(proxy.endpoint())
                .rootPath(S3ProxyServer.uniquePrefix("crt-split")).open();
        store = open.store();
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.store().deleteFolder("", true);
            open.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    static boolean fromCrt(CountingProxy.Request r) {
        return r.userAgent().contains("CRTS3NativeClient") || r.userAgent().contains("http/s3crt");
    }

    static String show(List<CountingProxy.Request> requests) {
        return requests.stream().map(CountingProxy.Request::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    @Test
    void largeDataGoesThroughTheCrtInPartsAndControlCallsThroughTheStandardClient() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(64).nextBytes(data);

        proxy.clear();
        store.write("big/64mib.bin", data, WriteOptions.overwrite());
        List<CountingProxy.Request> write = proxy.requests();
        Predicate<CountingProxy.Request> uploadPart = r -> r.method().equals("PUT") && r.hasQuery("partNumber");
        assertEquals(8, write.stream().filter(uploadPart).count(), "64 MiB in 8 MiB parts:" + show(write));
        assertTrue(write.stream().filter(uploadPart).allMatch(S3CrtSplitTest::fromCrt), "parts come from the CRT:" + show(write));
        assertEquals(1, write.stream().filter(r -> r.method().equals("POST") && r.hasQuery("uploads")).count());
        assertEquals(1, write.stream().filter(r -> r.method().equals("POST") && r.hasQuery("uploadId")).count());

        proxy.clear();
        byte[] read;
        try (InputStream in = store.read("big/64mib.bin")) {
            read = in.readAllBytes();
        }
        assertArrayEquals(data, read);
        List<CountingProxy.Request> gets = proxy.requests(r -> r.method().equals("GET"));
        assertTrue(gets.stream().allMatch(r -> r.header("Range") != null), "every GET is ranged:" + show(gets));
        assertEquals("bytes=0-8388607", gets.get(0).header("Range"), "the first part:" + show(gets));
        assertFalse(fromCrt(gets.get(0)), "the first part (size and ETag) comes from the standard client:" + show(gets));
        List<CountingProxy.Request> crtGets = gets.stream().filter(S3CrtSplitTest::fromCrt).toList();
        assertEquals(gets.size() - 1, crtGets.size(), "the rest comes from the CRT:" + show(gets));
        assertTrue(crtGets.size() >= 7, "the other 56 MiB arrive as several part-sized GETs:" + show(gets));
        assertTrue(crtGets.stream().allMatch(r -> gets.get(0).header("If-Match") == null && r.header("If-Match") != null),
                "the CRT's parts are pinned to the first part's ETag:" + show(gets));

        proxy.clear();
        assertEquals(SIZE, store.getFileInfo("big/64mib.bin").size());
        try (var files = store.listFiles("big", ListOptions.recursive())) {
            assertEquals(1, files.count());
        }
        assertTrue(store.isFolder("big"));
        List<CountingProxy.Request> control = proxy.requests();
        assertEquals(1, control.stream().filter(r -> r.method().equals("HEAD")).count(), show(control));
        assertTrue(control.stream().anyMatch(r -> r.method().equals("GET") && r.hasQuery("list-type")), show(control));
        assertFalse(control.isEmpty());
        assertTrue(control.stream().noneMatch(S3CrtSplitTest::fromCrt), "control calls come from the standard client:" + show(control));
        assertTrue(control.stream().allMatch(r -> r.userAgent().contains("aws-sdk-java")), show(control));
    }
}
