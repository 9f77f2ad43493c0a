package dev.remotestore.examples.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import org.junit.jupiter.api.Test;

/** Which backend type serves s3:// URLs: s3 by default, s3-crt by parameter or url-defaults. No I/O. */
class UrlBackendChoiceTest {
    private static final String URL = "s3://bucket/k?endpoint=http://127.0.0.1:9&region=us-east-1";

    @Test
    void s3ByDefault() {
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            assertEquals("s3", registry.open(URL).store().backendType());
            assertEquals("s3-crt", registry.open(URL + "&type=s3-crt").store().backendType());
        }
    }

    @Test
    void urlDefaultsPickS3CrtAndTheParameterStillWins() {
        try (Registry registry = Registry.fromHocon("remote-store { url-defaults { s3 { type = s3-crt, crt { part-size = 16MiB } } } }")) {
            assertEquals("s3-crt", registry.open(URL).store().backendType());
            // the defaults are validated against the type that serves the URL: s3 has no crt block
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.open(URL + "&type=s3"));
            assertTrue(e.getMessage().contains(".crt: unknown key"), e.getMessage());
        }
        try (Registry registry = Registry.fromHocon("remote-store { url-defaults { s3 { type = s3-crt } } }")) {
            assertEquals("s3", registry.open(URL + "&type=s3").store().backendType());
        }
    }
}
