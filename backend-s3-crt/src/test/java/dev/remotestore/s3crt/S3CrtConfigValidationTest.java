package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.InvalidConfigException.Problem;
import dev.remotestore.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An {@code s3-crt} block's errors, of {@code s3} keys and the {@code crt} block alike, all at build. */
class S3CrtConfigValidationTest {

    private static InvalidConfigException refused(String crt) {
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(S3CrtConfigTest.hocon(crt)).close());
    }

    @Test
    void s3AndCrtProblemsAreReportedTogether() {
        InvalidConfigException e = refused("multipart { max-parts-in-flight = 0 }, crt { target-throughput-gbps = fast, max-concurrency = 0 }");
        assertEquals(List.of("remote-store.backends.b.multipart.max-parts-in-flight", "remote-store.backends.b.crt.target-throughput-gbps",
                "remote-store.backends.b.crt.max-concurrency"), e.problems().stream().map(Problem::key).toList(), e.getMessage());
    }

    @Test
    void aDecimalCrtPartSizeIsRefusedSuggestingTheBinaryUnit() {
        InvalidConfigException e = refused("crt { part-size = 16MB }");
        assertEquals("remote-store.backends.b.crt.part-size", e.key());
        assertTrue(e.getMessage().contains("write 16MiB"), e.getMessage());
    }

    @Test
    void zeroNativeMemoryIsRefusedBeforeTheClientExists() {
        InvalidConfigException e = refused("crt { max-native-memory = 0, initial-read-buffer = -1MiB }");
        assertEquals(List.of("remote-store.backends.b.crt.initial-read-buffer", "remote-store.backends.b.crt.max-native-memory"),
                e.problems().stream().map(Problem::key).sorted().toList(), e.getMessage());
    }

    @Test
    void aCrtPartSizeTheMemoryBudgetCannotHoldTwiceIsRefused() {
        InvalidConfigException e = refused("multipart { memory-budget = 32MiB }, crt { part-size = 24MiB }");
        assertEquals(List.of("remote-store.backends.b.crt.part-size"), e.problems().stream().map(Problem::key).toList(),
                e.getMessage());
        assertTrue(e.getMessage().contains("multipart.memory-budget"), e.getMessage());
    }
}
