package dev.remotestore;

import static dev.remotestore.testing.HoconText.lineOf;
import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link Registry#fromHocon} accepts, and how it reports what it rejects. */
class RegistryConfigValidationTest {

    private static final String BACKEND = "remote-store.backends.main";

    /** A valid config whose backend block holds {@code extra} (one option per line). */
    private static String withBackendOptions(String tag, String extra) {
        return """
                remote-store {
                  backends {
                    main {
                      type = test-recording
                      name-tag = "%s"
                %s
                    }
                  }
                  stores {
                    data { backend = main }
                  }
                }
                """.formatted(tag, extra.indent(6).stripTrailing());
    }

    private static InvalidConfigException rejected(String hocon) {
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
    }

    private static void assertNamesKeyAndLine(InvalidConfigException e, String key, int line) {
        assertEquals(key, e.key());
        assertEquals("String: " + line, e.origin());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("String: " + line), e.getMessage());
    }

    @Test
    void validConfigBuildsWithEveryOptionTyped() {
        String tag = uniqueTag("valid");
        String hocon = withBackendOptions(tag, """
                secret-key = s3cr3t
                retry { max-attempts = 5, timeout = 30s }
                part-size = 8MiB
                flag = true""");
        try (Registry registry = Registry.fromHocon(hocon)) {
            assertEquals(Set.of("data"), registry.storeNames());
            Store store = registry.getStore("data");
            assertEquals("data", store.name());
            assertEquals(RecordingBackendProvider.TYPE, store.backendType());

            BackendSettings settings = RecordingBackendProvider.created(tag).get(0).settings();
            assertEquals("main", settings.backendName());
            assertEquals(BACKEND, settings.keyPath());
            assertEquals("s3cr3t", settings.secret("secret-key").orElseThrow().reveal());
            assertEquals(5, settings.integer("retry.max-attempts", 1));
            assertEquals(Duration.ofSeconds(30), settings.duration("retry.timeout", Duration.ZERO));
            assertEquals(8L * 1024 * 1024, settings.bytes("part-size", 0));
            assertTrue(settings.bool("flag", false));
        }
    }

    @Test
    void optionalKeysMayBeLeftOutAndAccessorsFallBack() {
        String tag = uniqueTag("minimal");
        try (Registry registry = Registry.fromHocon(withBackendOptions(tag, ""))) {
            registry.getStore("data");
            BackendSettings settings = RecordingBackendProvider.created(tag).get(0).settings();
            assertTrue(settings.secret("secret-key").isEmpty());
            assertEquals(3, settings.integer("retry.max-attempts", 3));
            assertTrue(settings.optionalString("password").isEmpty());
            assertEquals(tag, settings.string("name-tag"));
        }
    }

    @Test
    void backendTypeShippedElsewhereNamesTheArtifactToAdd() {
        String hocon = """
                remote-store {
                  backends {
                    lake { type = s3, bucket = b }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store.backends.lake.type", e.key());
        assertTrue(e.getMessage().contains("remote-store.backends.lake.type"), e.getMessage());
        assertTrue(e.getMessage().contains("remote-store-backend-s3"), e.getMessage());
    }

    @Test
    void unknownBackendTypeListsTheTypesOnTheClassPathAndShipped() {
        String hocon = """
                remote-store {
                  backends {
                    odd { type = ftp }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store.backends.odd.type", e.key());
        assertTrue(e.getMessage().contains("'ftp'"), e.getMessage());
        assertTrue(e.getMessage().contains(RecordingBackendProvider.TYPE), e.getMessage());
        for (String shipped : List.of("local", "memory", "s3", "s3-crt", "gcs", "azure")) {
            assertTrue(e.getMessage().contains(shipped), shipped + " missing from: " + e.getMessage());
        }
    }

    @Test
    void backendBlockWithoutTypeNamesTheTypeKey() {
        String hocon = """
                remote-store {
                  backends {
                    main { name-tag = x }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, BACKEND + ".type", 3);
    }

    @Test
    void storeNamingAMissingBackendNamesItAndTheDefinedOnes() {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x }
                  }
                  stores {
                    data { backend = mian }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store.stores.data.backend", e.key());
        assertTrue(e.getMessage().contains("'mian'"), e.getMessage());
        assertTrue(e.getMessage().contains("defined backends: main"), e.getMessage());
        assertEquals("String: 6", e.origin());
    }

    @Test
    void unknownKeyInBackendBlockNamesKeyAndLine() {
        String hocon = withBackendOptions(uniqueTag("unknown"), "bucket = my-bucket");
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, BACKEND + ".bucket", lineOf(hocon, "bucket ="));
        assertTrue(e.getMessage().contains("name-tag"), "lists the accepted keys: " + e.getMessage());
    }

    @Test
    void unknownKeyInNestedBlockNamesItsFullPath() {
        String hocon = withBackendOptions(uniqueTag("nested"), """
                retry {
                  max-attempts = 3
                  backoff = 2s
                }""");
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, BACKEND + ".retry.backoff", lineOf(hocon, "backoff"));
        assertTrue(e.getMessage().contains("max-attempts"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} is rejected as {1}")
    @CsvSource(delimiter = '|', value = {
        "flag = [1, 2]                  | flag",
        "retry.max-attempts = \"many\"  | retry.max-attempts",
        "retry { timeout = \"soon\" }   | retry.timeout",
        "part-size = \"big\"            | part-size",
        "retry = 5                      | retry",
        "name-tag = { a = b }           | name-tag",
    })
    void wrongValueTypeNamesKeyAndLine(String option, String key) {
        String hocon = withBackendOptions(uniqueTag("wrong"), option);
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, BACKEND + "." + key, lineOf(hocon, option));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void missingRequiredKeyNamesIt() {
        String hocon = """
                remote-store {
                  backends {
                    main {
                      type = test-recording
                      flag = true
                    }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals(BACKEND + ".name-tag", e.key());
        assertTrue(e.getMessage().contains("missing required key"), e.getMessage());
        assertNotNull(e.origin());
        assertTrue(e.origin().startsWith("String: "), e.origin());
    }

    @Test
    void providerValidationNamesKeyAndLine() {
        String hocon = withBackendOptions(uniqueTag("small"), "part-size = 10B");
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, BACKEND + ".part-size", lineOf(hocon, "part-size"));
        assertTrue(e.getMessage().contains("at least"), e.getMessage());
    }

    @Test
    void unknownKeyInStoreBlockNamesKeyAndLine() {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x }
                  }
                  stores {
                    data {
                      backend = main
                      root = "a/b"
                    }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, "remote-store.stores.data.root", 8);
        assertTrue(e.getMessage().contains("root-path"), "lists the accepted keys: " + e.getMessage());
    }

    @Test
    void storeBlockWithoutBackendNamesTheBackendKey() {
        String hocon = """
                remote-store {
                  stores {
                    data { root-path = x }
                  }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store.stores.data.backend", e.key());
        assertTrue(e.getMessage().contains("missing required key"), e.getMessage());
    }

    @Test
    void unknownKeyUnderRemoteStoreNamesKeyAndLine() {
        String hocon = """
                remote-store {
                  backends {}
                  store { data { backend = main } }
                }
                """;
        InvalidConfigException e = rejected(hocon);
        assertNamesKeyAndLine(e, "remote-store.store", 3);
        assertTrue(e.getMessage().contains("backends") && e.getMessage().contains("stores"), e.getMessage());
    }

    @Test
    void missingRemoteStoreBlockIsRejected() {
        InvalidConfigException e = rejected("other-library { enabled = true }");
        assertEquals("remote-store", e.key());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void remoteStoreThatIsNotABlockIsRejected() {
        InvalidConfigException e = rejected("remote-store = 5");
        assertEquals("remote-store", e.key());
        assertEquals("String: 1", e.origin());
    }

    @Test
    void malformedHoconIsAnInvalidConfigWithItsLine() {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x
                  }
                """;
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store", e.key());
        assertTrue(e.getMessage().contains("does not parse"), e.getMessage());
        assertNotNull(e.origin());
        assertTrue(e.origin().startsWith("String: "), e.origin());
    }

    @Test
    void unresolvableSubstitutionIsAnInvalidConfig() {
        String hocon = withBackendOptions(uniqueTag("subst"), "flag = ${no-such-path}");
        InvalidConfigException e = rejected(hocon);
        assertTrue(e.getMessage().contains("cannot resolve"), e.getMessage());
    }

    @ParameterizedTest(name = "root-path \"{0}\" is rejected")
    @CsvSource({"../x", "a/../../x", "/abs", "C:\\x"})
    void rootPathLeavingTheBackendIsRejectedAtBuild(String rootPath) {
        String hocon = """
                remote-store {
                  backends { main { type = test-recording, name-tag = x } }
                  stores {
                    data {
                      backend = main
                      root-path = "%s"
                    }
                  }
                }
                """.formatted(rootPath.replace("\\", "\\\\"));
        InvalidConfigException e = rejected(hocon);
        assertEquals("remote-store.stores.data.root-path", e.key());
        assertTrue(e.getMessage().contains("not a valid path"), e.getMessage());
        assertEquals("String: 4", e.origin());
    }

    @Test
    void optionalEnvironmentSubstitutionReachesTheBackendSettings() {
        // RS_TEST_NAME_TAG=from-env is set for the test JVM by the surefire configuration in api/pom.xml.
        String hocon = """
                remote-store {
                  backends {
                    main {
                      type = test-recording
                      name-tag = "unset"
                      name-tag = ${?RS_TEST_NAME_TAG}
                      flag = ${?RS_TEST_VARIABLE_THAT_IS_NEVER_SET}
                    }
                  }
                  stores { data { backend = main } }
                }
                """;
        assertEquals("from-env", System.getenv("RS_TEST_NAME_TAG"), "surefire sets RS_TEST_NAME_TAG");
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("data");
            RecordingBackend backend = store.unwrap(RecordingBackend.class);
            assertEquals("from-env", backend.settings().string("name-tag"));
            assertTrue(!backend.settings().has("flag"), "an unset ${?VAR} leaves the key out");
        }
    }

    @Test
    void errorInAConfigFileNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        String hocon = withBackendOptions(uniqueTag("file"), "retry { max-attempts = lots }");
        Path file = dir.resolve("application.conf");
        Files.writeString(file, hocon, StandardCharsets.UTF_8);

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Registry.fromConfig(ConfigFactory.parseFile(file.toFile())));

        int line = lineOf(hocon, "max-attempts");
        assertEquals(BACKEND + ".retry.max-attempts", e.key());
        assertEquals(file.toFile().getPath() + ": " + line, e.origin());
        assertTrue(e.getMessage().contains("application.conf: " + line), e.getMessage());
    }

    @Test
    void registryConfigReadsTheStructureWithoutCheckingBackendOptions() {
        // Options are checked against the type's schema by the Registry, not by RegistryConfig.
        RegistryConfig config = RegistryConfig.fromConfig(ConfigFactory.parseString("""
                remote-store {
                  backends { main { type = test-recording, anything = 1 } }
                  stores { data { backend = main, root-path = "a//b/" } }
                }
                """));
        assertEquals(Set.of("main"), config.backends().keySet());
        assertEquals("test-recording", config.backends().get("main").type());
        assertTrue(!config.backends().get("main").options().hasPath("type"), "type is not an option");
        assertEquals("a//b/", config.stores().get("data").rootPath());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.of(config));
        assertEquals(BACKEND + ".anything", e.key());
    }
}
