package dev.remotestore;

import static dev.remotestore.testing.HoconText.lineOf;
import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.InvalidConfigException.Problem;
import dev.remotestore.testing.RecordingBackendProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error of a config at once, each where it was written; values that cannot work refused up front. */
class ConfigErrorReportingTest {
    private static final String BACKEND = "remote-store.backends.main";

    private static String withBackendOptions(String extra) {
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
                """.formatted(uniqueTag("report"), extra.indent(6).stripTrailing());
    }

    private static InvalidConfigException rejected(String hocon) {
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
    }

    private static Map<String, Problem> byKey(InvalidConfigException e) {
        return e.problems().stream().collect(Collectors.toMap(Problem::key, p -> p));
    }

    @Test
    void everyProblemOfTheConfigIsReportedInOneExceptionWithItsLine() {
        String hocon = """
                remote-store {
                  backends {
                    main {
                      type = test-recording
                      name-tag = a
                      bukcet = x
                      retry { max-attempts = lots }
                    }
                    other {
                      type = test-recording
                      flag = maybe
                    }
                    typeless { name-tag = b }
                    odd { type = ftp }
                  }
                  stores {
                    data { backend = main, root-path = "../up" }
                    more { backend = mian }
                    lost { backend = typeless }
                  }
                  extra = 1
                }
                """;
        InvalidConfigException e = rejected(hocon);
        Map<String, Problem> problems = byKey(e);
        Map<String, Integer> expected = Map.of(
                BACKEND + ".bukcet", lineOf(hocon, "bukcet"),
                BACKEND + ".retry.max-attempts", lineOf(hocon, "max-attempts"),
                "remote-store.backends.other.flag", lineOf(hocon, "flag = maybe"),
                "remote-store.backends.other.name-tag", lineOf(hocon, "other {"),
                "remote-store.backends.typeless.type", lineOf(hocon, "typeless"),
                "remote-store.backends.odd.type", lineOf(hocon, "odd {"),
                "remote-store.stores.data.root-path", lineOf(hocon, "data {"),
                "remote-store.stores.more.backend", lineOf(hocon, "more {"),
                "remote-store.extra", lineOf(hocon, "extra = 1"));
        assertEquals(expected.keySet(), problems.keySet(), e.getMessage());
        expected.forEach((key, line) -> {
            assertEquals("String: " + line, problems.get(key).origin(), key);
            assertTrue(e.getMessage().contains(key + ": "), key + " listed in: " + e.getMessage());
        });
        assertTrue(e.getMessage().startsWith(expected.size() + " configuration errors:"), e.getMessage());
        // a store naming a backend that is itself broken is not a second error
        assertFalse(problems.containsKey("remote-store.stores.lost.backend"), e.getMessage());
    }

    @Test
    void registryConfigFromConfigAlsoListsEveryStructuralProblem() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RegistryConfig.fromConfig(ConfigFactory.parseString("""
                remote-store {
                  backends { a = 5, b { x = 1 } }
                  stores { s { root-path = x } }
                }
                """)));
        assertEquals(List.of("remote-store.backends.a", "remote-store.backends.b.type", "remote-store.stores.s.backend"),
                e.problems().stream().map(Problem::key).toList());
    }

    @Test
    void aSingleProblemKeepsTheOneLineMessage() {
        String hocon = withBackendOptions("flag = maybe");
        InvalidConfigException e = rejected(hocon);
        assertEquals(1, e.problems().size());
        assertEquals(BACKEND + ".flag: expected true or false, found a string that does not parse (String: "
                + lineOf(hocon, "flag") + ")", e.getMessage());
    }

    @ParameterizedTest(name = "retry.timeout = {0} is refused")
    @ValueSource(strings = {"0s", "-5s", "0"})
    void zeroOrNegativeDurationsAreRefusedAtBuild(String value) {
        String hocon = withBackendOptions("retry { timeout = " + value + " }");
        InvalidConfigException e = rejected(hocon);
        assertEquals(BACKEND + ".retry.timeout", e.key());
        assertEquals("String: " + lineOf(hocon, "timeout"), e.origin());
        assertTrue(e.getMessage().contains("positive duration"), e.getMessage());
    }

    @ParameterizedTest(name = "part-size = {0} is refused")
    @ValueSource(strings = {"0", "0B", "-1MiB"})
    void zeroOrNegativeSizesAreRefusedAtBuild(String value) {
        String hocon = withBackendOptions("part-size = " + value);
        InvalidConfigException e = rejected(hocon);
        assertEquals(BACKEND + ".part-size", e.key());
        assertEquals("String: " + lineOf(hocon, "part-size"), e.origin());
    }

    @ParameterizedTest(name = "block-size = {0} is refused, suggesting {1}")
    @CsvSource({"8MB, 8MiB, 8000000", "16 MB, 16MiB, 16000000", "512kB, 512KiB, 512000", "1GB, 1GiB, 1000000000",
        "2megabytes, 2MiB, 2000000"})
    void decimalUnitsWhereBinaryIsMeantAreRefusedWithTheBinarySpelling(String value, String suggestion, long decimalBytes) {
        String hocon = withBackendOptions("block-size = " + value);
        InvalidConfigException e = rejected(hocon);
        assertEquals(BACKEND + ".block-size", e.key());
        assertEquals("String: " + lineOf(hocon, "block-size"), e.origin());
        assertTrue(e.getMessage().contains("write " + suggestion), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(decimalBytes)), e.getMessage());
    }

    @ParameterizedTest(name = "block-size = {0} is {1} bytes")
    @CsvSource({"8MiB, 8388608", "8M, 8388608", "8Mi, 8388608", "8000000, 8000000", "512KiB, 524288", "1 mebibyte, 1048576"})
    void binaryUnitsAndByteCountsAreAccepted(String value, long bytes) {
        String tag = uniqueTag("binary");
        String hocon = withBackendOptions("block-size = " + value).replaceFirst("name-tag = \"[^\"]*\"", "name-tag = \"" + tag + "\"");
        try (Registry registry = Registry.fromHocon(hocon)) {
            registry.getStore("data");
            assertEquals(bytes, RecordingBackendProvider.created(tag).get(0).settings().bytes("block-size", 0));
        }
    }

    @Test
    void decimalUnitsStayAllowedWhereNoBinaryUnitIsImplied() {
        try (Registry registry = Registry.fromHocon(withBackendOptions("part-size = 8MB"))) {
            assertEquals(List.of("data"), List.copyOf(registry.storeNames()));
        }
    }

    @Test
    void aValueFromAnEnvironmentVariableNamesTheVariable() {
        // RS_TEST_NAME_TAG=from-env is set by surefire (api/pom.xml); it is no duration.
        String hocon = withBackendOptions("retry { timeout = ${?RS_TEST_NAME_TAG} }");
        InvalidConfigException e = rejected(hocon);
        assertEquals(BACKEND + ".retry.timeout", e.key());
        assertEquals("env variable RS_TEST_NAME_TAG", e.origin());
        assertTrue(e.getMessage().contains("(env variable RS_TEST_NAME_TAG)"), e.getMessage());
    }

    @Test
    void aConfigResolvedByTheApplicationStillNamesTheVariable() {
        // Typesafe's own resolution marks the value "env variables"; the variable is recovered by value.
        String hocon = withBackendOptions("retry { timeout = ${?RS_TEST_NAME_TAG} }");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Registry.fromConfig(ConfigFactory.parseString(hocon).resolve()));
        assertEquals("env variable RS_TEST_NAME_TAG", e.origin());
    }

    @Test
    void aValueFromAnEnvironmentVariableStillReachesTheBackend() {
        String tag = "from-env";
        String hocon = """
                remote-store {
                  backends { main { type = test-recording, name-tag = ${RS_TEST_NAME_TAG} } }
                  stores { data { backend = main } }
                }
                """;
        try (Registry registry = Registry.fromHocon(hocon)) {
            assertEquals(tag, registry.getStore("data").unwrap(dev.remotestore.testing.RecordingBackend.class).settings().string("name-tag"));
        }
    }

    @Test
    void anUnresolvedSubstitutionNamesTheVariableAndTheLine() {
        String hocon = withBackendOptions("flag = ${RS_TEST_VARIABLE_THAT_IS_NEVER_SET}");
        InvalidConfigException e = rejected(hocon);
        assertEquals("String: " + lineOf(hocon, "flag"), e.origin());
        assertTrue(e.getMessage().contains("${RS_TEST_VARIABLE_THAT_IS_NEVER_SET}"), e.getMessage());
        assertTrue(e.getMessage().contains("${?RS_TEST_VARIABLE_THAT_IS_NEVER_SET}"), "suggests the optional form: " + e.getMessage());
    }

    /** Runs {@link Registry#load()} with {@code dir} as the class path's application.conf folder. */
    private static Registry loadFrom(Path dir) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            return Registry.load();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void loadReportsAHoconSyntaxErrorWithTheFileAndLine(@TempDir Path dir) throws Exception {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x
                  stores { data { backend = main } }
                }
                """;
        Files.writeString(dir.resolve("application.conf"), hocon);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loadFrom(dir));
        assertTrue(e.origin().contains("application.conf"), e.origin());
        assertTrue(e.origin().matches(".*: \\d+"), "has a line: " + e.origin());
        assertTrue(e.getMessage().contains("does not parse"), e.getMessage());
        assertFalse(e.getCause() instanceof com.typesafe.config.ConfigException, "no raw Typesafe exception chained");
    }

    @Test
    void loadReportsAnUnresolvedVariableWithTheFileAndLine(@TempDir Path dir) throws Exception {
        String hocon = withBackendOptions("flag = ${RS_TEST_VARIABLE_THAT_IS_NEVER_SET}");
        Files.writeString(dir.resolve("application.conf"), hocon);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loadFrom(dir));
        assertTrue(e.origin().endsWith("application.conf: " + lineOf(hocon, "flag")), e.origin());
        assertTrue(e.getMessage().contains("RS_TEST_VARIABLE_THAT_IS_NEVER_SET"), e.getMessage());
    }

    @Test
    void loadNamesTheVariableAValueCameFrom(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.conf"), withBackendOptions("retry { timeout = ${?RS_TEST_NAME_TAG} }"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loadFrom(dir));
        assertEquals(BACKEND + ".retry.timeout", e.key());
        assertEquals("env variable RS_TEST_NAME_TAG", e.origin());
    }

    @Test
    void loadWithoutARemoteStoreBlockNamesTheFilesItRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.conf");
        Files.writeString(file, "other-library { enabled = true }\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loadFrom(dir));
        assertEquals("remote-store", e.key());
        assertTrue(e.getMessage().contains(file.toUri().toURL().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("system properties"), e.getMessage());
    }

    @Test
    void loadWithNoApplicationConfSaysSo(@TempDir Path dir) throws Exception {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loadFrom(dir));
        assertTrue(e.getMessage().contains("no application.conf"), e.getMessage());
    }

    @Test
    void anEmptyConfigSaysNothingWasRead() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromConfig(ConfigFactory.empty()));
        assertTrue(e.getMessage().contains("read from an empty config"), e.getMessage());
        assertTrue(e.getMessage().contains("no file defined anything"), e.getMessage());
    }

    @Test
    void aConfigFromFilesNamesThemWhenNoneHoldsTheBlock(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.conf");
        Path b = dir.resolve("b.conf");
        Files.writeString(a, "x = 1\n");
        Files.writeString(b, "y = 2\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Registry.fromConfig(ConfigFactory.parseFile(a.toFile()).withFallback(ConfigFactory.parseFile(b.toFile()))));
        assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains(b.toString()), e.getMessage());
    }
}
