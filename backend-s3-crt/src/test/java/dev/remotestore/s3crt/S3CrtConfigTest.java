package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import org.junit.jupiter.api.Test;

/** The {@code crt} block: defaults, mapping, and errors that name the key and its origin. */
class S3CrtConfigTest {
    static String hocon(String crt) {
        return "remote-store { backends { b { type = s3-crt, bucket = x, region = us-east-1, endpoint = \"http://127.0.0.1:1\"\n"
                + "  credentials { access-key-id = k, secret-access-key = s }\n  " + crt + " } }\n"
                + "  stores { t { backend = b } } }";
    }

    static S3CrtConfig config(String crt) {
        try (Registry r = Registry.fromHocon(hocon(crt))) {
            return r.getStore("t").unwrap(S3CrtConfig.class);
        }
    }

    @Test
    void defaultsFollowAwsGuidance() {
        S3CrtConfig c = config("");
        assertEquals(10.0, c.targetThroughputGbps());
        assertEquals(8L * 1024 * 1024, c.partSize());
        assertFalse(c.dropExpectContinue());
        assertTrue(c.maxConcurrency().isEmpty() && c.maxNativeMemory().isEmpty() && c.initialReadBuffer().isEmpty());
        assertEquals(32 * c.partSize(), c.readAhead(), "32 parts when initial-read-buffer is not set");
        assertFalse(c.toString().contains("= s }"), c.toString());
    }

    @Test
    void crtKeysMapAndS3KeysKeepTheirMeaning() {
        S3CrtConfig c = config("multipart { part-size = 16MiB }, crt { target-throughput-gbps = 2.5, max-concurrency = 8,"
                + " max-native-memory = 1GiB, initial-read-buffer = 32MiB, drop-expect-continue = true }");
        assertEquals(2.5, c.targetThroughputGbps());
        assertEquals(16L * 1024 * 1024, c.partSize(), "crt.part-size defaults to multipart.part-size");
        assertEquals(8, c.maxConcurrency().getAsInt());
        assertEquals(1L << 30, c.maxNativeMemory().getAsLong());
        assertEquals(32L << 20, c.initialReadBuffer().getAsLong());
        assertEquals(32L << 20, c.readAhead());
        assertTrue(c.dropExpectContinue());
        assertEquals("x", c.s3().bucket());
        assertEquals(6L * 1024 * 1024, config("crt { part-size = 6MiB }").partSize());
    }

    @Test
    void badValuesNameTheKey() {
        for (String[] bad : new String[][] {
                {"crt { part-size = 1MiB }", "crt.part-size"},
                {"crt { target-throughput-gbps = fast }", "crt.target-throughput-gbps"},
                {"crt { target-throughput-gbps = -1 }", "crt.target-throughput-gbps"},
                {"crt { max-concurrency = 0 }", "crt.max-concurrency"},
                {"crt { drop-expect-continue = maybe }", "crt.drop-expect-continue"},
                {"crt { unknown-key = 1 }", "crt.unknown-key"}}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon(bad[0])).close(), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
