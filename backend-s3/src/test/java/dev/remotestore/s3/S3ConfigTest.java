package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.spi.BackendSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code s3} block: every key read as documented, every mistake named with its key and line. */
class S3ConfigTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    private static S3Config parse(String block) {
        BackendSettings settings = BackendSettings.validate("lake", "s3", "remote-store.backends.lake",
                ConfigFactory.parseString(block), new S3BackendProvider().schema());
        return S3Config.from(settings);
    }

    private static InvalidConfigException refused(String block) {
        String hocon = "remote-store {\n backends {\n  lake {\n   type = s3\n" + block + "\n  }\n }\n}\n";
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon).close());
    }

    @Test
    void everyKeyIsReadIntoTheConfig() {
        S3Config c = parse("""
                bucket = b1
                region = eu-west-1
                endpoint = "http://127.0.0.1:9000"
                path-style = true
                credentials { access-key-id = AKIA1, secret-access-key = "%s", session-token = tok }
                retry { max-attempts = 7, mode = adaptive }
                timeouts { api-call = 2m, api-call-attempt = 20s, connect = 3s }
                max-connections = 17
                checksums = when-required
                multipart { threshold = 32MiB, part-size = 16MiB, max-parts-in-flight = 6 }
                conditional-writes = false
                """.formatted(SECRET));
        assertEquals("b1", c.bucket());
        assertEquals("eu-west-1", c.region().orElseThrow());
        assertEquals(URI.create("http://127.0.0.1:9000"), c.endpoint().orElseThrow());
        assertTrue(c.pathStyle());
        assertEquals("AKIA1", c.accessKeyId().orElseThrow());
        assertEquals(SECRET, c.secretAccessKey().orElseThrow().reveal());
        assertEquals("tok", c.sessionToken().orElseThrow().reveal());
        assertEquals(7, c.maxAttempts());
        assertEquals(S3Config.RetryMode.ADAPTIVE, c.retryMode());
        assertEquals(Duration.ofMinutes(2), c.apiCallTimeout().orElseThrow());
        assertEquals(Duration.ofSeconds(20), c.apiCallAttemptTimeout().orElseThrow());
        assertEquals(Duration.ofSeconds(3), c.connectTimeout().orElseThrow());
        assertEquals(17, c.maxConnections());
        assertEquals(S3Config.Checksums.WHEN_REQUIRED, c.checksums());
        assertEquals(32L << 20, c.multipartThreshold());
        assertEquals(16L << 20, c.partSize());
        assertEquals(6, c.maxPartsInFlight());
        assertFalse(c.conditionalWrites());
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertFalse(c.toString().contains("tok"), c.toString());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        S3Config c = parse("bucket = b");
        assertTrue(c.region().isEmpty());
        assertTrue(c.endpoint().isEmpty());
        assertFalse(c.pathStyle());
        assertTrue(c.accessKeyId().isEmpty() && c.profile().isEmpty());
        assertEquals(5, c.maxAttempts());
        assertEquals(S3Config.RetryMode.STANDARD, c.retryMode());
        assertEquals(64, c.maxConnections());
        assertEquals(S3Config.Checksums.AUTO, c.checksums());
        assertEquals(16L << 20, c.multipartThreshold());
        assertEquals(8L << 20, c.partSize());
        assertEquals(16, c.maxPartsInFlight());
        assertEquals(128L << 20, c.memoryBudget());
        assertEquals(15, c.partedWriteLimits(c.partSize()).window(), "the budget's 16 parts: one filling, 15 in flight");
        assertTrue(c.conditionalWrites());
    }

    @Test
    void aMissingBucketIsNamedWithItsBlock() {
        InvalidConfigException e = refused("region = us-east-1");
        assertEquals("remote-store.backends.lake.bucket", e.key());
        assertTrue(e.getMessage().contains("String: 3"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        InvalidConfigException e = refused("bucket = b\npath-stlye = true");
        assertEquals("remote-store.backends.lake.path-stlye", e.key());
        assertTrue(e.getMessage().contains("String: 6"), e.getMessage());
    }

    @Test
    void anUnknownKeyInsideANestedBlockIsNamed() {
        assertEquals("remote-store.backends.lake.multipart.part_size",
                refused("bucket = b\nmultipart { part_size = 8MiB }").key());
    }

    @Test
    void wrongValueTypesAreNamed() {
        assertEquals("remote-store.backends.lake.path-style", refused("bucket = b\npath-style = maybe").key());
        assertEquals("remote-store.backends.lake.retry.max-attempts", refused("bucket = b\nretry { max-attempts = many }").key());
        assertEquals("remote-store.backends.lake.timeouts.connect", refused("bucket = b\ntimeouts { connect = soon }").key());
        assertEquals("remote-store.backends.lake.multipart.part-size", refused("bucket = b\nmultipart { part-size = big }").key());
        assertEquals("remote-store.backends.lake.credentials", refused("bucket = b\ncredentials = yes").key());
    }

    @Test
    void valuesOutsideTheirRangeAreNamed() {
        assertEquals("remote-store.backends.lake.multipart.part-size", refused("bucket = b\nmultipart { part-size = 1MiB }").key());
        assertEquals("remote-store.backends.lake.multipart.part-size", refused("bucket = b\nmultipart { part-size = 6GiB }").key());
        assertEquals("remote-store.backends.lake.multipart.threshold", refused("bucket = b\nmultipart { threshold = 0 }").key());
        assertEquals("remote-store.backends.lake.multipart.max-parts-in-flight",
                refused("bucket = b\nmultipart { max-parts-in-flight = 0 }").key());
        assertEquals("remote-store.backends.lake.max-connections", refused("bucket = b\nmax-connections = 0").key());
        assertEquals("remote-store.backends.lake.retry.max-attempts", refused("bucket = b\nretry { max-attempts = 0 }").key());
        assertEquals("remote-store.backends.lake.retry.mode", refused("bucket = b\nretry { mode = eager }").key());
        assertEquals("remote-store.backends.lake.checksums", refused("bucket = b\nchecksums = never").key());
        assertEquals("remote-store.backends.lake.endpoint", refused("bucket = b\nendpoint = \"ftp://host\"").key());
        assertEquals("remote-store.backends.lake.endpoint", refused("bucket = b\nendpoint = \"not a url\"").key());
    }

    @Test
    void credentialsMustBeWhole() {
        assertEquals("remote-store.backends.lake.credentials.secret-access-key",
                refused("bucket = b\ncredentials { secret-access-key = \"" + SECRET + "\" }").key());
        assertEquals("remote-store.backends.lake.credentials.access-key-id",
                refused("bucket = b\ncredentials { access-key-id = AKIA1 }").key());
        assertEquals("remote-store.backends.lake.credentials.profile",
                refused("bucket = b\ncredentials { access-key-id = A, secret-access-key = S, profile = p }").key());
        assertEquals("remote-store.backends.lake.credentials.session-token",
                refused("bucket = b\ncredentials { session-token = t }").key());
    }

    @Test
    void noConfigErrorShowsTheSecret() {
        InvalidConfigException wrongType = refused("bucket = b\ncredentials { access-key-id = A, secret-access-key = [\""
                + SECRET + "\"] }");
        assertFalse(wrongType.getMessage().contains(SECRET), wrongType.getMessage());
        InvalidConfigException unknown = refused("bucket = b\ncredentials { access-key-id = A, secret-access-key = \""
                + SECRET + "\", extra = 1 }");
        assertFalse(unknown.getMessage().contains(SECRET), unknown.getMessage());
    }

    @Test
    void aProfileAloneIsAccepted() {
        assertEquals("analytics", parse("bucket = b\ncredentials { profile = analytics }").profile().orElseThrow());
    }

    @Test
    void connectionAcquireTimeoutIsReadAndMustBePositive() {
        assertEquals(Duration.ofSeconds(4), parse("bucket = b\ntimeouts { connection-acquire = 4s }").connectionAcquireTimeout().orElseThrow());
        assertTrue(parse("bucket = b").connectionAcquireTimeout().isEmpty(), "absent: the SDK's default");
        InvalidConfigException e = refused("   bucket = b\n   timeouts { connection-acquire = 0s }");
        assertTrue(e.getMessage().contains("timeouts.connection-acquire"), e.getMessage());
    }

    @Test
    void theMemoryBudgetSetsTheWindowAndMaxPartsInFlightCapsIt() {
        S3Config budgeted = parse("bucket = b\nmultipart { part-size = 16MiB, memory-budget = 64MiB }");
        assertEquals(3, budgeted.partedWriteLimits(budgeted.partSize()).window(), "64 MiB of 16 MiB parts: one filling, 3 in flight");
        S3Config capped = parse("bucket = b\nmultipart { max-parts-in-flight = 2, memory-budget = 256MiB }");
        assertEquals(2, capped.partedWriteLimits(capped.partSize()).window());
        assertEquals(32, capped.partedWriteLimits(capped.partSize()).buffers());
    }
}
