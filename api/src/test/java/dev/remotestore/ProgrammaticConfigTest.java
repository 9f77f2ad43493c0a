package dev.remotestore;

import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.spi.BackendSettings;
import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RegistryConfig#builder()}: the same model as HOCON, validated the same way. */
class ProgrammaticConfigTest {

    @Test
    void builtConfigMakesWorkingStores() {
        String tag = uniqueTag("code");
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of(
                        "name-tag", tag,
                        "retry", Map.of("max-attempts", 4, "timeout", "2s"),
                        "part-size", "8MiB",
                        "flag", true)))
                .store("all", "main")
                .store(new StoreProfile("reports", "main", "team/reports"))
                .build();

        try (Registry registry = Registry.of(config)) {
            assertEquals(Set.of("all", "reports"), registry.storeNames());
            Store reports = registry.getStore("reports");
            assertEquals("team/reports", reports.rootPath());
            reports.write("q1.csv", "a,b".getBytes(StandardCharsets.UTF_8));

            RecordingBackend backend = RecordingBackendProvider.created(tag).get(0);
            assertEquals(List.of("team/reports/q1.csv"), backend.keys());
            assertArrayEquals("a,b".getBytes(StandardCharsets.UTF_8), registry.getStore("all").readBytes("team/reports/q1.csv"));

            BackendSettings settings = backend.settings();
            assertEquals(4, settings.integer("retry.max-attempts", 1));
            assertEquals(Duration.ofSeconds(2), settings.duration("retry.timeout", Duration.ZERO));
            assertEquals(8L << 20, settings.bytes("part-size", 0));
            assertTrue(settings.bool("flag", false));
        }
    }

    @Test
    void codeConfigIsCheckedAgainstTheSchemaLikeHocon() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of(
                        "name-tag", "x",
                        "retry", Map.of("max-attempts", "many"))))
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.backends.main.retry.max-attempts", e.key());
        assertEquals("backend 'main' configured in code", e.origin());
        assertTrue(e.getMessage().contains("expected an integer"), e.getMessage());
    }

    @Test
    void codeConfigWithUnknownKeyIsRejected() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "x", "bucket", "b")))
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.backends.main.bucket", e.key());
    }

    @Test
    void codeConfigMissingARequiredKeyIsRejected() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE))
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.backends.main.name-tag", e.key());
        assertTrue(e.getMessage().contains("missing required key"), e.getMessage());
    }

    @Test
    void codeConfigWithAMissingTypeNamesTheArtifact() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("cloud", "gcs", Map.of("bucket", "b")))
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.backends.cloud.type", e.key());
        assertTrue(e.getMessage().contains("remote-store-backend-gcs"), e.getMessage());
    }

    @Test
    void codeStoreNamingAMissingBackendIsRejected() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "x")))
                .store("data", "other")
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.stores.data.backend", e.key());
        assertEquals("store 'data' configured in code", e.origin());
        assertTrue(e.getMessage().contains("defined backends: main"), e.getMessage());
    }

    @Test
    void codeStoreWithEscapingRootPathIsRejected() {
        RegistryConfig config = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "x")))
                .store(new StoreProfile("data", "main", "a/../../etc"))
                .build();
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals("remote-store.stores.data.root-path", e.key());
    }

    @Test
    void duplicateNamesAreRefusedByTheBuilder() {
        RegistryConfig.Builder builder = RegistryConfig.builder()
                .backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "x")))
                .store("data", "main");
        assertThrows(IllegalArgumentException.class,
                () -> builder.backend(BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "y"))));
        assertThrows(IllegalArgumentException.class, () -> builder.store("data", "main"));
    }

    @Test
    void typeGivenAmongTheOptionsIsNotAnOption() {
        BackendConfig backend = BackendConfig.of("main", RecordingBackendProvider.TYPE,
                Map.of("type", "s3", "name-tag", "x"));
        assertEquals(RecordingBackendProvider.TYPE, backend.type());
        assertTrue(!backend.options().hasPath("type"));
    }

    @Test
    void storeProfileDefaultsToTheWholeBackend() {
        StoreProfile profile = new StoreProfile("data", "main");
        assertEquals("", profile.rootPath());
        assertEquals("store 'data' configured in code", profile.origin());
        assertEquals("", new StoreProfile("data", "main", null).rootPath());
    }
}
