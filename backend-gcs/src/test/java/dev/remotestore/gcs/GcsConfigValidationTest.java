package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.InvalidConfigException.Problem;
import dev.remotestore.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code gcs} block's errors all at once, when the registry is built. */
class GcsConfigValidationTest {

    private static InvalidConfigException refused(String block) {
        String hocon = "remote-store {\n backends {\n  lake {\n   type = gcs\n" + block + "\n  }\n }\n}\n";
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon).close());
    }

    @Test
    void aDecimalChunkSizeIsRefusedSuggestingTheBinaryUnit() {
        // 16MB = 16,000,000 bytes, not a multiple of 256KiB: the message says what was meant
        InvalidConfigException e = refused("bucket = b\nchunk-size = 16MB");
        assertEquals("remote-store.backends.lake.chunk-size", e.key());
        assertTrue(e.getMessage().contains("write 16MiB"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidConfigException e = refused("bucket = b\nendpoint = \"nowhere\"\nretry { max-attempts = 0 }\nchunk-size = 100KiB\n"
                + "credentials { file = \"/k.json\", json = \"{}\" }");
        assertEquals(List.of("remote-store.backends.lake.credentials.json", "remote-store.backends.lake.endpoint",
                "remote-store.backends.lake.retry.max-attempts", "remote-store.backends.lake.chunk-size"),
                e.problems().stream().map(Problem::key).toList(), e.getMessage());
        for (Problem p : e.problems()) {
            assertTrue(p.origin().startsWith("String: "), p.toString());
        }
    }
}
