package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.ReadOptions;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A large read whose GET breaks mid-body is resumed (ranged GET pinned with If-Match on the
 * original ETag) and yields exactly the original bytes; if the object changed before the
 * resume, the read fails with a RemoteStoreException instead of mixing two versions.
 *
 * <p>The reading store goes through a {@link CuttingProxy}; the writing store talks to S3Proxy
 * directly, so only the read is cut.
 */
class S3ResumableReadTest {
    static final int MIB = 1024 * 1024;
    static final byte[] ORIGINAL = bytes(20 * MIB, 1);
    static final byte[] REPLACEMENT = bytes(20 * MIB, 2);

    CuttingProxy proxy;
    S3TestStores.OpenStore direct;
    S3TestStores.OpenStore cut;

    @BeforeEach
    void open(TestInfo info) {
        S3ProxyServer server = S3ProxyServer.shared();
        String root = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName());
        proxy = CuttingProxy.start(server.port());
        direct = S3TestStores.on(server).rootPath(root).open();
        cut = S3TestStores.on(server).endpoint(proxy.endpoint()).rootPath(root).open();
        direct.store().write("big.bin", ORIGINAL, WriteOptions.overwrite());
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

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void aReadCutAfterThreeMibResumesToTheExactBytes() throws Exception {
        proxy.cutFirstLargeResponse(MIB, 3 * MIB, null);
        byte[] got;
        try (InputStream in = cut.store().read("big.bin")) {
            got = in.readAllBytes();
        }
        assertEquals(1, proxy.cuts(), "the first GET was cut");
        assertEquals(ORIGINAL.length, got.length);
        assertEquals(sha256(ORIGINAL), sha256(got));
    }

    @Test
    void aRangedReadCutMidwayResumesWithinItsRange() throws Exception {
        long offset = 1_234_567;
        int length = 15 * MIB;
        proxy.cutFirstLargeResponse(MIB, 5 * MIB + 17, null);
        byte[] got;
        try (InputStream in = cut.store().read("big.bin", ReadOptions.range(offset, length))) {
            got = in.readAllBytes();
        }
        assertEquals(1, proxy.cuts());
        assertArrayEquals(Arrays.copyOfRange(ORIGINAL, (int) offset, (int) offset + length), got);
    }

    @Test
    void everyGetCutStillEndsWithTheExactBytesOrATypedError() throws Exception {
        // every response over 1 MiB is cut after 4 MiB: the read must progress by resuming from
        // where it stopped (4 MiB a time), or give up with a RemoteStoreException; never wrong bytes
        proxy.arm(new CuttingProxy.Rule(0, MIB, 4 * MIB, null));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = cut.store().read("big.bin")) {
            in.transferTo(got);
            assertEquals(sha256(ORIGINAL), sha256(got.toByteArray()));
            System.out.println("read resumed through " + proxy.cuts() + " cuts");
        } catch (RemoteStoreException e) {
            System.out.println("read gave up after " + proxy.cuts() + " cuts and " + got.size() + " bytes: " + e);
            assertTrue(proxy.cuts() >= 1);
        }
        byte[] prefix = got.toByteArray();
        assertArrayEquals(Arrays.copyOf(ORIGINAL, prefix.length), prefix, "the bytes delivered are the original's prefix");
    }

    @Test
    void anOverwriteBetweenTheCutAndTheResumeFailsTheRead() throws Exception {
        Store writer = direct.store();
        proxy.cutFirstLargeResponse(MIB, 3 * MIB,
                () -> writer.write("big.bin", REPLACEMENT, WriteOptions.overwrite()));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        Throwable failure = null;
        try (InputStream in = cut.store().read("big.bin")) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (RuntimeException | IOException e) {
            failure = e;
        }
        assertEquals(1, proxy.cuts());
        if (failure == null) {
            fail("the read returned " + got.size() + " bytes although the object changed mid-read"
                    + (Arrays.equals(got.toByteArray(), ORIGINAL) ? " (the original, so it was not cut?)" : " (MIXED BYTES)"));
        }
        assertInstanceOf(RemoteStoreException.class, failure, "typed failure, was " + failure);
        assertFalse(failure instanceof SdkException);
        byte[] prefix = got.toByteArray();
        assertTrue(prefix.length <= 3 * MIB + 64 * 1024, "delivered " + prefix.length);
        assertArrayEquals(Arrays.copyOf(ORIGINAL, prefix.length), prefix, "only bytes of the original were delivered");
        System.out.println("overwrite mid-read -> " + failure);
        assertArrayEquals(REPLACEMENT, direct.store().readBytes("big.bin"));
    }
}
