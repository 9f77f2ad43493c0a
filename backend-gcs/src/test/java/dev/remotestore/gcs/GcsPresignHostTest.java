package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed URLs point at the endpoint the backend talks to, and are signed for it.
 *
 * <p>GCS behaviour modelled: a V4 signed URL is only valid at the host it was signed for; the
 * {@code host} header (host and port) is part of the canonical request
 * (https://cloud.google.com/storage/docs/access-control/signing-urls-manually ,
 * https://cloud.google.com/storage/docs/authentication/canonical-requests). Each test recomputes
 * the canonical request from the URL and checks the signature with the public key, so a URL whose
 * origin is right but whose signature covers another host fails too.
 */
class GcsPresignHostTest {
    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keys = rsa.generateKeyPair();
    }

    private static ServiceAccountCredentials signer() {
        return ServiceAccountCredentials.newBuilder()
                .setClientEmail("signer@example-project.iam.gserviceaccount.com")
                .setPrivateKey(keys.getPrivate())
                .setProjectId("example-project")
                .build();
    }

    @Test
    void aSignedUrlPointsAtTheClientsCustomEndpointWithItsPort() throws Exception {
        try (GcsJsonApiServer server = new GcsJsonApiServer()) {
            Storage storage = StorageOptions.http().setHost(server.endpoint().toString()).setProjectId("example-project")
                    .setCredentials(signer()).build().getService();
            Store store = Store.of("signing", GcsBackend.create(storage, GcsConfig.builder().bucket("b").build()));

            URI read = store.presignRead("dir/a b.txt", Duration.ofMinutes(15));
            URI write = store.presignWrite("dir/a b.txt", Duration.ofMinutes(15));

            for (URI url : new URI[] {read, write}) {
                assertEquals("http", url.getScheme(), url.toString());
                assertEquals("127.0.0.1", url.getHost(), url.toString());
                assertEquals(server.port(), url.getPort(), url.toString());
                assertEquals("/b/dir/a%20b.txt", url.getRawPath());
            }
            assertSignedFor(read, "GET", "127.0.0.1:" + server.port(), keys.getPublic());
            assertSignedFor(write, "PUT", "127.0.0.1:" + server.port(), keys.getPublic());
        }
    }

    @Test
    void aConfiguredEndpointIsTheSignedUrlsOriginAndSignedHost() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).replaceAll("(.{64})", "$1\\\\n")
                + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{ \\\"type\\\": \\\"service_account\\\", \\\"project_id\\\": \\\"example-project\\\","
                + " \\\"private_key_id\\\": \\\"k1\\\", \\\"private_key\\\": \\\"" + pem + "\\\","
                + " \\\"client_email\\\": \\\"signer@example-project.iam.gserviceaccount.com\\\", \\\"client_id\\\": \\\"1\\\","
                + " \\\"token_uri\\\": \\\"https://oauth2.googleapis.com/token\\\" }";
        String hocon = "remote-store {\n backends.lake { type = gcs, bucket = b, endpoint = \"https://gcs.internal.example:8443\","
                + " credentials { json = \"" + json + "\" } }\n stores.data { backend = lake }\n}\n";
        try (Registry registry = Registry.fromHocon(hocon)) {
            URI url = registry.getStore("data").presignRead("k.bin", Duration.ofMinutes(5));

            assertEquals("https", url.getScheme(), url.toString());
            assertEquals("gcs.internal.example", url.getHost(), url.toString());
            assertEquals(8443, url.getPort(), url.toString());
            assertSignedFor(url, "GET", "gcs.internal.example:8443", keys.getPublic());
        }
    }

    @Test
    void withoutAnEndpointTheSignedUrlPointsAtTheDefaultGcsHost() throws Exception {
        Storage storage = StorageOptions.http().setProjectId("example-project").setCredentials(signer()).build().getService();
        Store store = Store.of("signing", GcsBackend.create(storage, GcsConfig.builder().bucket("b").build()));

        URI url = store.presignRead("k.bin", Duration.ofMinutes(5));

        assertEquals("https", url.getScheme());
        assertEquals("storage.googleapis.com", url.getHost());
        assertEquals(-1, url.getPort());
        assertSignedFor(url, "GET", "storage.googleapis.com", keys.getPublic());
    }

    /** Recomputes the V4 canonical request and string-to-sign of {@code url} and verifies its signature. */
    static void assertSignedFor(URI url, String method, String host, PublicKey key) throws Exception {
        Map<String, String> params = new TreeMap<>();
        String signature = null;
        for (String pair : url.getRawQuery().split("&")) {
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (name.equals("X-Goog-Signature")) {
                signature = value;
            } else {
                params.put(name, value);
            }
        }
        assertEquals("host", URLDecoder.decode(params.get("X-Goog-SignedHeaders"), StandardCharsets.UTF_8), url.toString());
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=').append(v));
        String canonical = method + "\n" + url.getRawPath() + "\n" + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String credential = URLDecoder.decode(params.get("X-Goog-Credential"), StandardCharsets.UTF_8);
        String scope = credential.substring(credential.indexOf('/') + 1);
        String toSign = "GOOG4-RSA-SHA256\n" + params.get("X-Goog-Date") + "\n" + scope + "\n"
                + HexFormat.of().formatHex(GcsJsonApiServer.sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(toSign.getBytes(StandardCharsets.UTF_8));
        assertTrue(signature != null && rsa.verify(HexFormat.of().parseHex(signature)),
                "the signature does not cover host " + host + ": " + url + " (tried " + Arrays.toString(new String[] {canonical}) + ")");
    }
}
