package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.Capability;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.gcs.GcsJsonApiServer.Request;
import dev.remotestore.spi.BackendSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talking to an emulator or a private endpoint: {@code credentials { none = true }},
 * {@code STORAGE_EMULATOR_HOST}, and the user agent, checked on what reaches
 * {@link GcsJsonApiServer} from clients the backend builds itself.
 *
 * <p>GCS behaviour modelled: the JSON API's object metadata and media download
 * (https://cloud.google.com/storage/docs/json_api/v1/objects/get) and resumable uploads
 * (https://cloud.google.com/storage/docs/performing-resumable-uploads); an unauthenticated request
 * carries no {@code Authorization} header
 * (https://cloud.google.com/storage/docs/authentication#apiauth); the client's identity is the
 * {@code User-Agent} header (https://cloud.google.com/storage/docs/xml-api/reference-headers).
 */
class GcsEmulatorSettingsTest {
    private static final String VERSIONED_AGENT = "remote-store-java/\\d+\\.\\d+\\.\\d+.*";

    private GcsJsonApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new GcsJsonApiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A read, a metadata lookup and a resumable stream: the requests every test inspects. */
    private void exercise(Store store) {
        byte[] data = bytes(10_000, 1);
        server.put("in.bin", data);
        assertArrayEquals(data, store.readBytes("in.bin"));
        assertEquals(10_000, store.getFileInfo("in.bin").size());
        byte[] streamed = bytes(300 * 1024, 2); // past chunk-size: a resumable upload
        try (StoreOutputStream out = store.openOutputStream("out.bin", WriteOptions.overwrite())) {
            out.write(streamed);
            out.commit();
        }
        assertArrayEquals(streamed, server.data("out.bin"));
    }

    private void assertNoCredentialsWereSent() {
        List<Request> requests = server.requests();
        assertTrue(requests.size() >= 4, requests.toString());
        for (Request r : requests) {
            assertNull(r.header("authorization"), r.method() + " " + r.path() + " carried credentials");
        }
    }

    @Test
    void credentialsNoneSendsNoCredentialsToTheConfiguredEndpoint() {
        String hocon = "remote-store {\n backends.emu { type = gcs, bucket = " + GcsJsonApiServer.BUCKET + ", endpoint = \""
                + server.endpoint() + "\", chunk-size = 256KiB, credentials { none = true } }\n stores.data { backend = emu }\n}\n";
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("data");
            exercise(store);

            assertNoCredentialsWereSent();
            assertFalse(store.capabilities().has(Capability.PRESIGN), "nothing to sign with");
            assertThrows(UnsupportedCapabilityException.class, () -> store.presignRead("in.bin", Duration.ofMinutes(1)));
        }
    }

    @Test
    void theClientsUserAgentIsRemoteStoreJavaWithItsVersion() {
        Logger apiClient = Logger.getLogger("com.google.api.client.googleapis.services.AbstractGoogleClient");
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = apiClient.getLevel();
        apiClient.setLevel(Level.ALL); // the test JVM quiets this logger for the in-memory fake; listen here
        apiClient.addHandler(capture);
        try (GcsBackend backend = GcsBackend.create(GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).endpoint(server.endpoint())
                .noCredentials().chunkSize(256 * 1024).build(), name -> null)) {
            exercise(Store.of("ua", backend));
        } finally {
            apiClient.removeHandler(capture);
            apiClient.setLevel(before);
        }

        assertTrue(GcsClients.USER_AGENT.matches(VERSIONED_AGENT), GcsClients.USER_AGENT);
        for (Request r : server.requests()) {
            String agent = r.header("user-agent");
            assertTrue(agent != null && agent.startsWith(GcsClients.USER_AGENT + " "), r.method() + " " + r.path() + ": " + agent);
        }
        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList(), "the API client has an application name");
    }

    @Test
    void storageEmulatorHostAsHostAndPortSendsRequestsThereWithoutCredentials() {
        Map<String, String> env = Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:" + server.port());
        try (GcsBackend backend = GcsBackend.create(GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).chunkSize(256 * 1024).build(),
                env::get)) {
            exercise(Store.of("emu", backend));
            assertEquals(server.endpoint().toString(), backend.unwrap(Storage.class).orElseThrow().getOptions().getHost());
        }
        assertNoCredentialsWereSent();
    }

    @Test
    void storageEmulatorHostAsAUrlIsUsedAsIs() {
        Map<String, String> env = Map.of("STORAGE_EMULATOR_HOST", server.endpoint().toString());
        try (GcsBackend backend = GcsBackend.create(GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).chunkSize(256 * 1024).build(),
                env::get)) {
            exercise(Store.of("emu", backend));
        }
        assertNoCredentialsWereSent();
    }

    @Test
    void aConfiguredEndpointWinsOverStorageEmulatorHost() {
        Map<String, String> env = Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:1"); // nothing listens there
        try (GcsBackend backend = GcsBackend.create(GcsConfig.builder().bucket(GcsJsonApiServer.BUCKET).endpoint(server.endpoint())
                .noCredentials().chunkSize(256 * 1024).build(), env::get)) {
            exercise(Store.of("explicit", backend));
        }
    }

    @Test
    void configuredCredentialsStillApplyUnderStorageEmulatorHost(@TempDir Path dir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + java.util.Base64.getEncoder()
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()).replaceAll("(.{64})", "$1\\\\n") + "\\n-----END PRIVATE KEY-----\\n";
        Path key = Files.writeString(dir.resolve("key.json"), "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"k\","
                + " \"private_key\": \"" + pem + "\", \"client_email\": \"s@p.iam.gserviceaccount.com\", \"client_id\": \"1\","
                + " \"token_uri\": \"https://oauth2.googleapis.com/token\"}");
        Map<String, String> env = Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:" + server.port());

        Storage withKey = GcsClients.storage(GcsConfig.builder().bucket("b").credentialsFile(key).build(), env::get);
        Storage without = GcsClients.storage(GcsConfig.builder().bucket("b").build(), env::get);

        assertInstanceOf(ServiceAccountCredentials.class, withKey.getOptions().getCredentials());
        assertEquals(server.endpoint().toString(), withKey.getOptions().getHost());
        assertSame(NoCredentials.getInstance(), without.getOptions().getCredentials());
    }

    @Test
    void theProviderValidatesStorageEmulatorHostUpFrontAndCreatesBackendsThatUseIt() {
        BackendSettings settings = BackendSettings.validate("emu", "gcs", "remote-store.backends.emu",
                ConfigFactory.parseString("bucket = " + GcsJsonApiServer.BUCKET + "\nchunk-size = 256KiB"), new GcsBackendProvider().schema());

        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> new GcsBackendProvider(Map.of("STORAGE_EMULATOR_HOST", "ftp://x")::get).validate(settings));
        assertEquals("STORAGE_EMULATOR_HOST", bad.key());

        GcsBackendProvider provider = new GcsBackendProvider(Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:" + server.port())::get);
        provider.validate(settings);
        try (var backend = provider.create(settings)) {
            exercise(Store.of("emu", backend));
        }
        assertNoCredentialsWereSent();
    }

    @Test
    void aMalformedStorageEmulatorHostIsAConfigErrorNamingTheVariable() {
        for (String bad : new String[] {"ftp://127.0.0.1:21", "http://", "not a host:port"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> GcsEmulatorHost.from(Map.of("STORAGE_EMULATOR_HOST", bad)::get), bad);
            assertEquals("STORAGE_EMULATOR_HOST", e.key());
        }
        assertTrue(GcsEmulatorHost.from(Map.of("STORAGE_EMULATOR_HOST", " ")::get).isEmpty());
        assertTrue(GcsEmulatorHost.from(name -> null).isEmpty());
    }
}
