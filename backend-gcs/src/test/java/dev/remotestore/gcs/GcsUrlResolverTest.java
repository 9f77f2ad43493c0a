package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.StoreUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How gs:// URLs become gcs backend blocks. No GCS server runs here: creation is not exercised. */
class GcsUrlResolverTest {
    private final GcsUrlResolver resolver = new GcsUrlResolver();

    @Test
    void everyFormNamesTheBucketAndLeavesCredentialsToApplicationDefaultCredentials() {
        for (String url : new String[] {"gs://lake/a/b", "gcs://lake/a/", "https://storage.googleapis.com/lake/a"}) {
            assertEquals(Map.of("bucket", "lake"), resolver.resolve(StoreUrl.parse(url), "gcs", Map.<String, String>of()::get).options());
        }
        assertEquals(Map.of("bucket", "lake", "project-id", "p1", "endpoint", "http://127.0.0.1:4443"),
                resolver.resolve(StoreUrl.parse("gs://lake/x?project-id=p1&endpoint=http://127.0.0.1:4443"), "gcs",
                        Map.<String, String>of()::get).options());
    }

    @Test
    void unknownParameterIsRefusedBeforeAnyClientExists() {
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.open("gs://lake/x?generation=5"));
            assertTrue(e.getMessage().contains("'generation'") && e.getMessage().contains("project-id"), e.getMessage());
        }
    }
}
