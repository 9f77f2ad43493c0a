package dev.remotestore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key that any backend on the class path declares {@code SECRET} gets a distinctive value,
 * and that value (or a telling part of it, such as the private key inside GCS's credentials JSON)
 * must not appear in any {@code toString}, exception (message, causes, suppressed) or log line
 * while configs are printed, refused, and used against a closed port (bad endpoint) and a server
 * that answers wrong key (403) and missing bucket (404) in each cloud's format.
 */
class SecretsNeverShowTest {
    private static final Set<String> SHIPPED = Set.of("local", "memory", "s3", "s3-crt", "gcs", "azure");
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static Map<String, BackendProvider> providers;
    private static String gcsPrivateKey;

    @TempDir
    static Path dir;

    /** One backend block holding secrets, and the texts that must never show. */
    record Case(String type, String label, Map<String, Object> block, Set<String> secretPaths, Map<String, String> mustNotShow) {
    }

    @BeforeAll
    static void discover() throws Exception {
        providers = new TreeMap<>();
        ServiceLoader.load(BackendProvider.class).forEach(p -> providers.put(p.type(), p));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        gcsPrivateKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String secret(String what) {
        return "rs-leak-" + what + "-" + RUN;
    }

    /**
     * Every case of every shipped type, against {@code endpoint} and bucket {@code bucket}; GCS
     * fetches its OAuth token from {@code tokenServer} (a closed port there only makes the
     * token client back off for a minute).
     */
    private static List<Case> cases(String endpoint, String bucket, String tokenServer) {
        List<Case> cases = new ArrayList<>();
        for (String type : List.of("s3", "s3-crt")) {
            String key = secret(type + "-secret-access-key");
            String token = secret(type + "-session-token");
            Map<String, Object> block = new LinkedHashMap<>(Map.of("bucket", bucket, "region", "us-east-1", "endpoint", endpoint,
                    "path-style", true, "retry", Map.of("max-attempts", 1), "timeouts", Map.of("api-call", "10s"),
                    "credentials", Map.of("access-key-id", "AKIASTUBSTUBSTUB", "secret-access-key", key, "session-token", token)));
            if (type.equals("s3-crt")) {
                block.put("crt", Map.of("drop-expect-continue", true));
            }
            cases.add(new Case(type, "static keys", block, Set.of("credentials.secret-access-key", "credentials.session-token"),
                    Map.of("secret-access-key", key, "session-token", token)));
        }
        String keyId = secret("gcs-private-key-id");
        String json = "{\"type\": \"service_account\", \"project_id\": \"stub-project\", \"private_key_id\": \"" + keyId + "\","
                + " \"private_key\": \"" + gcsPrivateKey.replace("\n", "\\n") + "\", \"client_email\": \"leak@stub-project.iam.gserviceaccount.com\","
                + " \"client_id\": \"1\", \"token_uri\": \"" + tokenServer + "/token\"}";
        String keyBody = gcsPrivateKey.split("\n")[3];
        cases.add(new Case("gcs", "credentials.json", Map.of("bucket", bucket, "project-id", "stub-project", "endpoint", endpoint,
                "retry", Map.of("max-attempts", 1), "credentials", Map.of("json", json)),
                Set.of("credentials.json"), Map.of("credentials.json", json, "a line of its private key", keyBody, "its private_key_id", keyId)));
        String accountKey = Base64.getEncoder().encodeToString(secret("azure-account-key").getBytes(StandardCharsets.UTF_8));
        String sasSignature = secret("azure-sas-sig");
        String sas = "sv=2024-08-04&ss=b&srt=sco&sp=rwdlac&se=2099-01-01T00:00:00Z&spr=https,http&sig=" + sasSignature;
        String csKey = Base64.getEncoder().encodeToString(secret("azure-cs-key").getBytes(StandardCharsets.UTF_8));
        String connectionString = "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=" + csKey + ";BlobEndpoint=" + endpoint + "/acct;";
        Map<String, Object> azure = Map.of("account", "acct", "container", bucket, "endpoint", endpoint + "/acct", "retry", Map.of("max-attempts", 1));
        cases.add(new Case("azure", "account key", with(azure, "credentials", Map.of("account-key", accountKey)),
                Set.of("credentials.account-key"), Map.of("account-key", accountKey)));
        cases.add(new Case("azure", "SAS token", with(azure, "credentials", Map.of("sas-token", sas)),
                Set.of("credentials.sas-token"), Map.of("sas-token", sas, "its signature", sasSignature)));
        cases.add(new Case("azure", "connection string", with(azure, "credentials", Map.of("connection-string", connectionString)),
                Set.of("credentials.connection-string"), Map.of("connection-string", connectionString, "its AccountKey", csKey)));
        cases.add(new Case("local", "no secrets", Map.of("root", dir.resolve("local").toString()), Set.of(), Map.of()));
        cases.add(new Case("memory", "no secrets", Map.of(), Set.of(), Map.of()));
        return cases;
    }

    private static Map<String, Object> with(Map<String, Object> block, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(block);
        copy.put(key, value);
        return copy;
    }

    @Test
    void everyShippedProviderIsOnTheClassPathAndEverySecretKeyIsCovered() {
        assertTrue(providers.keySet().containsAll(SHIPPED), "found " + providers.keySet());
        Map<String, Set<String>> covered = new HashMap<>();
        for (Case c : cases("http://127.0.0.1:1", "b", "http://127.0.0.1:1")) {
            covered.computeIfAbsent(c.type(), t -> new TreeSet<>()).addAll(c.secretPaths());
        }
        for (String type : SHIPPED) {
            assertEquals(providers.get(type).schema().secretPaths(), covered.getOrDefault(type, Set.of()),
                    "the SECRET keys " + type + " declares, each set by a case of this test");
        }
        assertTrue(providers.values().stream().mapToLong(p -> p.schema().secretPaths().size()).sum() >= 7,
                "s3, s3-crt, gcs and azure declare secrets");
    }

    @Test
    void noSecretShowsInRepresentationsErrorsOrLogs() throws Exception {
        List<String> leaks = new ArrayList<>();
        int texts = 0;
        try (LogCapture logs = new LogCapture(Map.of("dev.remotestore", "TRACE", org.slf4j.Logger.ROOT_LOGGER_NAME, "INFO"));
                CloudErrorStub stub = new CloudErrorStub()) {
            List<Case> all = new ArrayList<>();
            all.addAll(cases("http://127.0.0.1:" + closedPort(), "data-bucket", stub.url()));  // bad endpoint
            all.addAll(cases(stub.url(), "data-bucket", stub.url()));                          // wrong key: 403
            all.addAll(cases(stub.url(), CloudErrorStub.MISSING, stub.url()));                  // missing bucket: 404
            StringBuilder report = new StringBuilder();
            for (Case c : all) {
                long start = System.nanoTime();
                List<String> seen = exercise(c);
                texts += seen.size();
                check(c, "", seen, leaks);
                report.append("=== ").append(c.type()).append(" (").append(c.label()).append(") ").append(c.block().get("endpoint"))
                        .append(' ').append((System.nanoTime() - start) / 1_000_000).append(" ms\n");
                seen.forEach(t -> report.append(t.lines().limit(3).collect(java.util.stream.Collectors.joining("\n"))).append("\n"));
            }
            // what was looked at, for a reader of the build's output
            java.nio.file.Files.writeString(Path.of("target", "secrets-never-show.txt"), report.toString());
            List<String> lines = logs.lines();
            texts += lines.size();
            for (Case c : all) {
                check(c, "log: ", lines, leaks);
            }
        }
        assertTrue(texts > 100, "the test looked at " + texts + " texts");
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks:\n" + String.join("\n\n", leaks));
    }

    private static void check(Case c, String prefix, List<String> texts, List<String> leaks) {
        for (String text : texts) {
            c.mustNotShow().forEach((what, value) -> {
                if (text.contains(value)) {
                    leaks.add(c.type() + " (" + c.label() + "): " + what + " shows in " + prefix + text);
                }
            });
        }
    }

    /** Everything a user could see of this backend: representations, refusals, failures. */
    private static List<String> exercise(Case c) {
        List<String> seen = new ArrayList<>();
        Map<String, Object> typed = with(c.block(), "type", c.type());
        Config config = registryConfig(typed);
        RegistryConfig registryConfig = RegistryConfig.fromConfig(config);
        seen.add(registryConfig.toString());
        seen.add(registryConfig.backends().get("b").toString());
        seen.add(registryConfig.backends().get("b").options().root().render());
        seen.add(BackendSettings.validate("b", c.type(), "remote-store.backends.b", ConfigFactory.parseMap(c.block()),
                providers.get(c.type()).schema()).toString());
        // refused configs that hold the secrets: an unknown key, and each secret given as a list
        capture(seen, () -> Registry.fromConfig(registryConfig(with(typed, "bogus-key", 1))).close());
        for (String path : c.secretPaths()) {
            Config listed = config.withValue("remote-store.backends.b." + path,
                    com.typesafe.config.ConfigValueFactory.fromIterable(List.of(config.getString("remote-store.backends.b." + path))));
            capture(seen, () -> Registry.fromConfig(listed).close());
        }
        capture(seen, () -> {
            try (Registry registry = Registry.fromConfig(config)) {
                seen.add(registry.toString());
                Store store = registry.getStore("s");
                seen.add(store.toString());
                byte[] bytes = "probe".getBytes(StandardCharsets.UTF_8);
                List<Consumer<Store>> operations = List.of(
                        s -> s.write("leak/probe.txt", bytes, WriteOptions.overwrite()),
                        s -> s.write("leak/create-only.txt", bytes),
                        s -> s.readBytes("leak/probe.txt"),
                        s -> s.exists("leak/probe.txt"),
                        s -> s.getFileInfo("leak/probe.txt"),
                        s -> {
                            try (Stream<?> files = s.listFiles("leak", ListOptions.recursive())) {
                                files.count();
                            }
                        },
                        s -> s.copy("leak/probe.txt", "leak/copy.txt"),
                        s -> s.delete("leak/probe.txt"),
                        s -> s.deleteFolder("leak", true),
                        s -> s.presignRead("leak/probe.txt", Duration.ofMinutes(1)),
                        s -> {
                            try (StoreOutputStream out = s.openOutputStream("leak/stream.bin", WriteOptions.overwrite())) {
                                out.write(new byte[64 * 1024]);
                                out.commit();
                            }
                        });
                for (Consumer<Store> operation : operations) {
                    capture(seen, () -> operation.accept(store));
                }
            }
        });
        return seen;
    }

    private static Config registryConfig(Map<String, Object> typedBlock) {
        return ConfigFactory.parseMap(Map.of("remote-store", Map.of("backends", Map.of("b", typedBlock),
                "stores", Map.of("s", Map.of("backend", "b")))));
    }

    private static void capture(List<String> seen, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            StringWriter out = new StringWriter();
            e.printStackTrace(new PrintWriter(out));
            seen.add(out.toString());
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
