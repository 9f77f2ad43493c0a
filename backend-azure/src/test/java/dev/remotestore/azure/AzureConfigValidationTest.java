package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.InvalidConfigException.Problem;
import dev.remotestore.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An {@code azure} block's errors all at once, when the registry is built, never echoing a credential. */
class AzureConfigValidationTest {

    private static InvalidConfigException refused(String block) {
        String hocon = "remote-store {\n backends {\n  blob {\n   type = azure\n   account = myaccount\n   container = data\n"
                + block + "\n  }\n }\n}\n";
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon).close());
    }

    @Test
    void anAccountKeyThatIsNotBase64IsRefusedAtBuildWithoutEchoingIt() {
        // before: accepted, then every request failed while signing
        InvalidConfigException e = refused("credentials { account-key = \"not*base64*key-4f4f\" }");
        assertEquals("remote-store.backends.blob.credentials.account-key", e.key());
        assertEquals("String: 7", e.origin());
        assertFalse(e.getMessage().contains("not*base64*key-4f4f"), e.getMessage());
    }

    @Test
    void aSasTokenWithoutSignatureIsRefused() {
        InvalidConfigException e = refused("credentials { sas-token = \"sv=2024-01-01&sp=r\" }");
        assertEquals("remote-store.backends.blob.credentials.sas-token", e.key());
        assertTrue(e.getMessage().contains("sig="), e.getMessage());
    }

    @Test
    void aDecimalBlockSizeIsRefusedSuggestingTheBinaryUnit() {
        InvalidConfigException e = refused("credentials { account-key = \"a2V5\" }\nblock-size = 8MB");
        assertEquals("remote-store.backends.blob.block-size", e.key());
        assertTrue(e.getMessage().contains("write 8MiB"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidConfigException e = refused("endpoint = \"https://x.example?sv=1\"\ncredentials { account-key = \"a2V5\" }\n"
                + "retry { max-attempts = 0 }\nblock-size = 1KiB\nmax-concurrency = 0");
        assertEquals(List.of("remote-store.backends.blob.endpoint", "remote-store.backends.blob.retry.max-attempts",
                "remote-store.backends.blob.block-size", "remote-store.backends.blob.max-concurrency"),
                e.problems().stream().map(Problem::key).toList(), e.getMessage());
    }

    @Test
    void aMemoryBudgetBelowTwoBlocksIsRefused() {
        InvalidConfigException e = refused("credentials { account-key = \"a2V5\" }\nblock-size = 16MiB\nmemory-budget = 20MiB");
        assertEquals(List.of("remote-store.backends.blob.memory-budget"), e.problems().stream().map(Problem::key).toList(),
                e.getMessage());
        assertTrue(e.getMessage().contains("at least two parts"), e.getMessage());
        assertTrue(e.problems().get(0).origin().startsWith("String: "), e.getMessage());
    }
}
