package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.InvalidConfigException.Problem;
import dev.remotestore.Registry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an {@code s3} block gets refused for when the registry is built, before any client
 * exists: all problems at once, each with its line.
 */
class S3ConfigValidationTest {
    /** System properties the SDK's region chain reads; saved and restored around each test. */
    private static final List<String> REGION_PROPERTIES = List.of("aws.region", "aws.configFile", "aws.profile", "aws.disableEc2Metadata");
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path home;

    @BeforeEach
    void isolateTheRegionChain() {
        REGION_PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        // No region from this machine: no profile file, no instance metadata, no aws.region.
        System.clearProperty("aws.region");
        System.setProperty("aws.configFile", home.resolve("no-such-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private static String hocon(String type, String block) {
        return "remote-store {\n backends {\n  lake {\n   type = " + type + "\n" + block.indent(3) + "  }\n }\n stores.data { backend = lake }\n}\n";
    }

    private static InvalidConfigException refused(String block) {
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon("s3", block)).close());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }

    @Test
    void aZeroTimeoutIsRefusedWhenTheRegistryIsBuilt() {
        // before: RemoteStoreException "cannot create backend 'lake': IllegalArgumentException: apiCallTimeout must be positive" at getStore
        String block = "bucket = b\nregion = eu-west-1\ntimeouts { api-call = 0s }";
        InvalidConfigException e = refused(block);
        assertEquals("remote-store.backends.lake.timeouts.api-call", e.key());
        assertEquals("String: " + lineOf(hocon("s3", block), "api-call"), e.origin());
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void aNegativeTimeoutBuiltInCodeIsRefusedByTheConfigNotTheClient() {
        assertThrows(IllegalArgumentException.class,
                () -> S3Config.builder().bucket("b").connectTimeout(Duration.ofSeconds(-1)).build());
    }

    @Test
    void aMissingRegionIsRefusedWhenTheRegistryIsBuiltNamingWhereOneCanComeFrom() {
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set in this environment");
        long start = System.nanoTime();
        InvalidConfigException e = refused("bucket = b");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("remote-store.backends.lake.region", e.key());
        for (String source : List.of("region = ", "AWS_REGION", "aws.region", "~/.aws/config", "AWS_PROFILE")) {
            assertTrue(e.getMessage().contains(source), source + " named in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("Unable to load region"), "not the SDK's chain dump: " + e.getMessage());
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void aRegionFromTheSdkChainIsEnough() {
        System.setProperty("aws.region", "eu-central-1");
        Registry.fromHocon(hocon("s3", "bucket = b")).close();
    }

    @Test
    void aRegionFromTheProfileFileIsEnough() throws Exception {
        Path config = home.resolve("config");
        java.nio.file.Files.writeString(config, "[default]\nregion = ap-south-1\n");
        System.setProperty("aws.configFile", config.toString());
        Registry.fromHocon(hocon("s3", "bucket = b")).close();
    }

    @Test
    void anEndpointWithoutRegionNeedsNoRegion() {
        Registry.fromHocon(hocon("s3", "bucket = b\nendpoint = \"http://127.0.0.1:9000\"")).close();
    }

    @Test
    void everyProblemOfTheBlockIsReportedAtOnce() {
        String block = """
                bucket = b
                endpoint = "ftp://nowhere"
                credentials { access-key-id = AKIA1 }
                retry { mode = eventually }
                multipart { part-size = 1MiB, max-parts-in-flight = 0 }
                timeouts { connect = -1s }
                """;
        InvalidConfigException e = refused(block);
        List<String> keys = e.problems().stream().map(Problem::key).map(k -> k.substring("remote-store.backends.lake.".length())).toList();
        assertEquals(List.of("timeouts.connect", "endpoint", "credentials.access-key-id", "retry.mode",
                "multipart.part-size", "multipart.max-parts-in-flight"), keys, e.getMessage());
        String text = hocon("s3", block);
        for (Problem p : e.problems()) {
            assertTrue(p.origin().startsWith("String: "), p.toString());
        }
        assertEquals("String: " + lineOf(text, "access-key-id"), e.problems().get(2).origin());
        assertTrue(e.getMessage().contains("without credentials.secret-access-key"), e.getMessage());
    }

    @Test
    void halfGivenCredentialsNameTheMissingHalf() {
        InvalidConfigException e = refused("bucket = b\nregion = eu-west-1\ncredentials { secret-access-key = \"s3cr3t-value-99\" }");
        assertEquals("remote-store.backends.lake.credentials.secret-access-key", e.key());
        assertTrue(e.getMessage().contains("without credentials.access-key-id"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value-99"), e.getMessage());
    }

    @Test
    void aDecimalPartSizeIsRefusedSuggestingTheBinaryUnit() {
        InvalidConfigException e = refused("bucket = b\nregion = eu-west-1\nmultipart { part-size = 8MB }");
        assertEquals("remote-store.backends.lake.multipart.part-size", e.key());
        assertTrue(e.getMessage().contains("8MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("8,000,000"), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongTypeIsReportedOnceNotAgainAsHalfTheCredentials() {
        InvalidConfigException e = refused("bucket = b\nregion = eu-west-1\ncredentials { access-key-id = AKIA1, secret-access-key = [\"s3cr3t-value-98\"] }");
        assertEquals(List.of("remote-store.backends.lake.credentials.secret-access-key"),
                e.problems().stream().map(Problem::key).toList(), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value-98"), e.getMessage());
    }

    @Test
    void aMemoryBudgetBelowTwoPartsIsRefusedWithItsLine() {
        String block = "bucket = b\nregion = eu-west-1\nmultipart {\n  part-size = 16MiB\n  memory-budget = 24MiB\n}";
        InvalidConfigException e = refused(block);
        assertEquals(List.of("remote-store.backends.lake.multipart.memory-budget"),
                e.problems().stream().map(Problem::key).toList(), e.getMessage());
        assertEquals("String: " + lineOf(hocon("s3", block), "memory-budget"), e.problems().get(0).origin());
        assertTrue(e.getMessage().contains("at least two parts"), e.getMessage());
    }
}
