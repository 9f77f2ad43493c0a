package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.CuttingProxy;
import dev.remotestore.s3.S3ProxyServer;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The first part of an {@code s3-crt} read (a ranged GET on the standard client, the whole read
 * for a small object) resumes after a broken connection like an {@code s3} read: from the next
 * byte, pinned with {@code If-Match} to its ETag; an object overwritten at the break fails the
 * read with {@link PreconditionFailedException}. The reading store goes through a
 * {@link CuttingProxy}; the writing store talks to S3Proxy directly. Parts are 5 MiB.
 */
class S3CrtFirstPartResumeTest {
    static final int MIB = 1024 * 1024;

    CuttingProxy proxy;
    CrtTestStores.OpenStore direct;
    CrtTestStores.OpenStore cut;

    @BeforeEach
    void open(TestInfo info) {
        S3ProxyServer server = S3ProxyServer.shared();
        String root = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName());
        proxy = CuttingProxy.start(server.port());
        direct = CrtTestStores.on(server).rootPath(root).extra("multipart { part-size = 5MiB }").open();
        cut = CrtTestStores.on(server).endpoint(proxy.endpoint()).rootPath(root).extra("multipart { part-size = 5MiB }").open();
    }

    @AfterEach
    void close() {
        try {
            direct.store().deleteFolder("", true);
        } finally {
            cut.close();
            direct.close();
            proxy.close();
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aSmallReadCutInsideItsOnlyPartResumesToTheExactBytes() throws Exception {
        byte[] data = bytes(3 * MIB, 1);
        direct.store().write("small.bin", data, WriteOptions.overwrite());
        proxy.cutFirstLargeResponse(MIB, MIB, null);
        byte[] got;
        try (InputStream in = cut.store().read("small.bin")) {
            got = in.readAllBytes();
        }
        assertEquals(1, proxy.cuts());
        assertArrayEquals(data, got);
    }

    @Test
    void aLargeReadCutInsideItsFirstPartResumesToTheExactBytes() throws Exception {
        byte[] data = bytes(12 * MIB, 2);
        direct.store().write("large.bin", data, WriteOptions.overwrite());
        proxy.cutFirstLargeResponse(MIB, 2 * MIB, null);
        byte[] got;
        try (InputStream in = cut.store().read("large.bin")) {
            got = in.readAllBytes();
        }
        assertEquals(1, proxy.cuts());
        assertArrayEquals(data, got);
    }

    @Test
    void aRangedReadCutInsideItsFirstPartResumesToTheExactBytes() throws Exception {
        byte[] data = bytes(12 * MIB, 3);
        direct.store().write("ranged.bin", data, WriteOptions.overwrite());
        proxy.cutFirstLargeResponse(MIB, MIB, null);
        byte[] got;
        try (InputStream in = cut.store().read("ranged.bin", ReadOptions.range(MIB + 7, 3 * MIB))) {
            got = in.readAllBytes();
        }
        assertEquals(1, proxy.cuts());
        assertArrayEquals(Arrays.copyOfRange(data, MIB + 7, 4 * MIB + 7), got);
    }

    @Test
    void anObjectOverwrittenAtTheCutFailsTheReadWithPreconditionFailed() throws Exception {
        direct.store().write("changing.bin", bytes(3 * MIB, 4), WriteOptions.overwrite());
        byte[] replacement = bytes(3 * MIB, 5);
        proxy.cutFirstLargeResponse(MIB, MIB, () -> direct.store().write("changing.bin", replacement, WriteOptions.overwrite()));
        try (InputStream in = cut.store().read("changing.bin")) {
            assertThrows(PreconditionFailedException.class, in::readAllBytes);
        }
        assertEquals(1, proxy.cuts());
        assertArrayEquals(replacement, direct.store().readBytes("changing.bin"));
    }
}
