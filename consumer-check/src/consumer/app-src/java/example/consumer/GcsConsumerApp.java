package example.consumer;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.gcs.GcsBackend;
import dev.remotestore.gcs.GcsConfig;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GCS without a server (none runs here): builds a {@code type = gcs} store from HOCON with a
 * generated service-account key and an endpoint nobody listens on (the SDK's clients, credentials
 * and NIO filesystem are constructed; no request is sent), then writes, reads, lists and deletes
 * through {@code GcsBackend} on google-cloud-nio's in-memory fake.
 */
public final class GcsConsumerApp {
    /**
     * The fake's own client has no application name and logs a WARNING for it on every use
     * (googleapis/java-storage-nio#1496); it is quieted only once start-up is over, and only for
     * the fake. Kept in a field: java.util.logging holds loggers weakly.
     */
    private static final Logger FAKE_CLIENT_LOG = Logger.getLogger("com.google.api.client.googleapis.services.AbstractGoogleClient");

    private GcsConsumerApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Registry registry = Registry.fromHocon("""
                remote-store {
                  backends.lake { type = gcs, bucket = consumer-bucket, project-id = consumer-project,
                                  endpoint = "http://127.0.0.1:9", credentials.json = ""\"%s""\" }
                  stores.data { backend = lake }
                }
                """.formatted(serviceAccountJson()))) {
            Store constructed = registry.getStore("data");
            if (!"gcs".equals(constructed.backendType())) {
                throw new IllegalStateException("expected a gcs store, got " + constructed.backendType());
            }
        }
        FAKE_CLIENT_LOG.setLevel(Level.SEVERE);
        try (GcsBackend backend = GcsBackend.create(LocalStorageHelper.getOptions().getService(),
                GcsConfig.builder().bucket("consumer-bucket").build())) {
            Store store = Store.of("data", backend);
            ConsumerApp.exercise(store);
            System.out.println("CONSUMER-APP-OK " + store.backendType());
        }
    }

    /** A syntactically valid service-account key for a made-up account: nothing can use it. */
    private static String serviceAccountJson() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\": \"service_account\", \"project_id\": \"consumer-project\", \"private_key_id\": \"0\","
                + " \"private_key\": \"" + pem + "\", \"client_email\": \"app@consumer-project.iam.gserviceaccount.com\","
                + " \"client_id\": \"0\", \"token_uri\": \"http://127.0.0.1:9/token\"}";
    }
}
