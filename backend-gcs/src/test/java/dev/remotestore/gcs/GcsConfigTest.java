package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.spi.BackendSettings;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code gcs} block: every key read as documented, every mistake named with its key and line. */
class GcsConfigTest {
    private static final String SECRET = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    private static final String JSON = "{ \\\"type\\\": \\\"service_account\\\", \\\"private_key\\\": \\\"" + SECRET + "\\\" }";

    private static GcsConfig parse(String block) {
        BackendSettings settings = BackendSettings.validate("lake", "gcs", "remote-store.backends.lake",
                ConfigFactory.parseString(block), new GcsBackendProvider().schema());
        return GcsConfig.from(settings);
    }

    private static InvalidConfigException refused(String block) {
        String hocon = "remote-store {\n backends {\n  lake {\n   type = gcs\n" + block + "\n  }\n }\n}\n";
        return assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon).close());
    }

    @Test
    void everyKeyIsReadIntoTheConfig() {
        GcsConfig c = parse("""
                bucket = b1
                project-id = my-project
                credentials { json = "%s" }
                endpoint = "http://127.0.0.1:4443"
                user-project = billed-project
                retry { max-attempts = 9 }
                chunk-size = 8MiB
                """.formatted(JSON));
        assertEquals("b1", c.bucket());
        assertEquals("my-project", c.projectId().orElseThrow());
        assertTrue(c.credentialsJson().orElseThrow().reveal().contains(SECRET));
        assertTrue(c.credentialsFile().isEmpty());
        assertEquals(URI.create("http://127.0.0.1:4443"), c.endpoint().orElseThrow());
        assertEquals("billed-project", c.userProject().orElseThrow());
        assertEquals(9, c.maxAttempts());
        assertEquals(8 << 20, c.chunkSize());
        assertFalse(c.toString().contains(SECRET), c.toString());
        assertTrue(c.toString().contains("json(****)"), c.toString());
    }

    @Test
    void aCredentialsFileIsReadAsAPath() {
        GcsConfig c = parse("bucket = b\ncredentials { file = \"/etc/gcs/key.json\" }");
        assertEquals(Path.of("/etc/gcs/key.json"), c.credentialsFile().orElseThrow());
        assertTrue(c.credentialsJson().isEmpty());
        assertTrue(c.hasExplicitCredentials());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GcsConfig c = parse("bucket = b");
        assertTrue(c.projectId().isEmpty());
        assertFalse(c.hasExplicitCredentials(), "absent: application default credentials");
        assertTrue(c.endpoint().isEmpty());
        assertTrue(c.userProject().isEmpty());
        assertEquals(6, c.maxAttempts());
        assertEquals(16 << 20, c.chunkSize());
    }

    @Test
    void aMissingBucketIsNamedWithItsBlock() {
        InvalidConfigException e = refused("project-id = p");
        assertEquals("remote-store.backends.lake.bucket", e.key());
        assertTrue(e.getMessage().contains("String: 3"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        InvalidConfigException e = refused("bucket = b\nproject = p");
        assertEquals("remote-store.backends.lake.project", e.key());
        assertTrue(e.getMessage().contains("String: 6"), e.getMessage());
    }

    @Test
    void anUnknownKeyInsideANestedBlockIsNamed() {
        assertEquals("remote-store.backends.lake.credentials.path", refused("bucket = b\ncredentials { path = x }").key());
        assertEquals("remote-store.backends.lake.retry.mode", refused("bucket = b\nretry { mode = standard }").key());
    }

    @Test
    void wrongValueTypesAreNamed() {
        assertEquals("remote-store.backends.lake.bucket", refused("bucket = { name = b }").key());
        assertEquals("remote-store.backends.lake.project-id", refused("bucket = b\nproject-id = [a, b]").key());
        assertEquals("remote-store.backends.lake.credentials", refused("bucket = b\ncredentials = yes").key());
        assertEquals("remote-store.backends.lake.credentials.file", refused("bucket = b\ncredentials { file = [x] }").key());
        assertEquals("remote-store.backends.lake.endpoint", refused("bucket = b\nendpoint = { host = h }").key());
        assertEquals("remote-store.backends.lake.user-project", refused("bucket = b\nuser-project = [p]").key());
        assertEquals("remote-store.backends.lake.retry.max-attempts", refused("bucket = b\nretry { max-attempts = many }").key());
        assertEquals("remote-store.backends.lake.chunk-size", refused("bucket = b\nchunk-size = big").key());
    }

    @Test
    void valuesOutsideTheirRangeAreNamed() {
        assertEquals("remote-store.backends.lake.bucket", refused("bucket = \"  \"").key());
        assertEquals("remote-store.backends.lake.project-id", refused("bucket = b\nproject-id = \"\"").key());
        assertEquals("remote-store.backends.lake.credentials.file", refused("bucket = b\ncredentials { file = \"\" }").key());
        assertEquals("remote-store.backends.lake.credentials.json", refused("bucket = b\ncredentials { json = \"not json\" }").key());
        assertEquals("remote-store.backends.lake.endpoint", refused("bucket = b\nendpoint = \"ftp://host\"").key());
        assertEquals("remote-store.backends.lake.endpoint", refused("bucket = b\nendpoint = \"not a url\"").key());
        assertEquals("remote-store.backends.lake.user-project", refused("bucket = b\nuser-project = \"\"").key());
        assertEquals("remote-store.backends.lake.retry.max-attempts", refused("bucket = b\nretry { max-attempts = 0 }").key());
        assertEquals("remote-store.backends.lake.chunk-size", refused("bucket = b\nchunk-size = 100KiB").key());
        assertEquals("remote-store.backends.lake.chunk-size", refused("bucket = b\nchunk-size = 300KiB").key());
        assertEquals("remote-store.backends.lake.chunk-size", refused("bucket = b\nchunk-size = 1GiB").key());
    }

    @Test
    void credentialsNoneMeansNoCredentials() {
        GcsConfig c = parse("bucket = b\nendpoint = \"http://127.0.0.1:4443\"\ncredentials { none = true }");
        assertTrue(c.noCredentials());
        assertFalse(c.hasExplicitCredentials());
        assertTrue(c.toString().contains("credentials=none"), c.toString());
        assertFalse(parse("bucket = b\ncredentials { none = false }").noCredentials());
        assertFalse(parse("bucket = b").noCredentials());
    }

    @Test
    void credentialsNoneCannotBeCombinedWithAFileOrJson() {
        InvalidConfigException withFile = refused("bucket = b\ncredentials { none = true, file = \"/k.json\" }");
        assertEquals("remote-store.backends.lake.credentials.none", withFile.key());
        InvalidConfigException withJson = refused("bucket = b\ncredentials { none = true, json = \"" + JSON + "\" }");
        assertEquals("remote-store.backends.lake.credentials.none", withJson.key());
        assertFalse(withJson.getMessage().contains(SECRET), withJson.getMessage());
        assertEquals("remote-store.backends.lake.credentials.none", refused("bucket = b\ncredentials { none = yes-please }").key());
        assertThrows(IllegalArgumentException.class,
                () -> GcsConfig.builder().bucket("b").noCredentials().credentialsFile(Path.of("/k.json")).build());
    }

    @Test
    void credentialsAreAFileOrJsonNotBoth() {
        InvalidConfigException e = refused("bucket = b\ncredentials { file = \"/k.json\", json = \"" + JSON + "\" }");
        assertEquals("remote-store.backends.lake.credentials.json", e.key());
        assertTrue(e.getMessage().contains("String: 6"), e.getMessage());
    }

    @Test
    void noConfigErrorShowsTheSecretJson() {
        InvalidConfigException bothGiven = refused("bucket = b\ncredentials { file = \"/k.json\", json = \"" + JSON + "\" }");
        assertFalse(bothGiven.getMessage().contains(SECRET), bothGiven.getMessage());
        InvalidConfigException notJson = refused("bucket = b\ncredentials { json = \"" + SECRET + "\" }");
        assertFalse(notJson.getMessage().contains(SECRET), notJson.getMessage());
        InvalidConfigException wrongType = refused("bucket = b\ncredentials { json = [\"" + SECRET + "\"] }");
        assertFalse(wrongType.getMessage().contains(SECRET), wrongType.getMessage());
        InvalidConfigException unknown = refused("bucket = b\ncredentials { json = \"" + JSON + "\", extra = 1 }");
        assertFalse(unknown.getMessage().contains(SECRET), unknown.getMessage());
    }

    @Test
    void anUnreadableCredentialsFileIsNamedWhenTheBackendIsCreated() {
        String hocon = "remote-store {\n backends.lake { type = gcs, bucket = b, credentials { file = \"/nonexistent/key.json\" } }\n"
                + " stores.data { backend = lake }\n}\n";
        try (Registry registry = Registry.fromHocon(hocon)) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.getStore("data").isFile("x"));
            assertEquals("remote-store.backends.lake.credentials.file", e.key());
        }
    }

    @Test
    void unparseableCredentialsJsonIsNamedWhenTheRegistryIsBuiltWithoutShowingIt() {
        // parsed by validate, not at the first getStore: nothing about it needs the network
        String json = "{ \\\"type\\\": \\\"nonsense\\\", \\\"secret\\\": \\\"" + SECRET + "\\\" }";
        String hocon = "remote-store {\n backends.lake { type = gcs, bucket = b, credentials { json = \"" + json + "\" } }\n"
                + " stores.data { backend = lake }\n}\n";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.lake.credentials.json", e.key());
        assertEquals("String: 2", e.origin());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c.getMessage()).contains(SECRET));
        }
    }
}
