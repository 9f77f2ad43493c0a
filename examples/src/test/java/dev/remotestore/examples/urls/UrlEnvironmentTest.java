package dev.remotestore.examples.urls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.azure.AzuriteServer;
import dev.remotestore.s3.S3ProxyServer;
import com.azure.storage.blob.BlobContainerClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The clouds' environment conventions, tested for real: each case runs {@link UrlChildProcess} in
 * a child JVM whose environment holds only what the case sets (no inherited variables, HOME and
 * user.home on an empty folder, so no profile or credentials file of the machine is read),
 * against S3Proxy and Azurite on 127.0.0.1, and local files. Every case writes through one URL
 * form and reads through another, and checks bytes by SHA-256, also directly on the server.
 */
class UrlEnvironmentTest {
    @TempDir
    Path work;

    // ---- S3 through AWS_ENDPOINT_URL_S3 and the SDK's environment credentials ----------------

    @Test
    void s3WriteThroughS3UrlReadThroughS3aAndBothHttpsForms() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String key = S3ProxyServer.uniquePrefix("url-env") + "/dir with space/data+1%.bin";
        String encoded = key.replace("%", "%25").replace(" ", "%20").replace("+", "%2B");
        Map<String, String> env = s3Env(server, "AWS_ENDPOINT_URL_S3");
        String written = run(env, "write", "s3://" + server.bucket() + "/" + encoded, "1234567", "42").single();
        assertEquals(expectedSha(1234567, 42), written);
        for (String url : new String[] {"s3a://" + server.bucket() + "/" + encoded,
                "https://" + server.bucket() + ".s3.us-east-1.amazonaws.com/" + encoded,
                "https://s3.us-east-1.amazonaws.com/" + server.bucket() + "/" + encoded}) {
            assertEquals(written, run(env, "read", url).single(), url);
        }
        // the global variable serves too, and the object is where the key says, on the server
        assertEquals(written, run(s3Env(server, "AWS_ENDPOINT_URL"), "read", "s3://" + server.bucket() + "/" + encoded).single());
        try (S3Client s3 = server.newClient();
                ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(server.bucket()).key(key))) {
            assertEquals(written, UrlChildProcess.sha(in));
        }
    }

    @Test
    void s3WithoutCredentialsSaysWhatTheChainLookedFor() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        Map<String, String> env = new TreeMap<>(s3Env(server, "AWS_ENDPOINT_URL_S3"));
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        Result r = runExpectingFailure(env, "read", "s3://" + server.bucket() + "/nothing");
        assertTrue(r.stdout.contains("AWS_ACCESS_KEY_ID"), r.stdout);
        assertFalse(r.stdout.contains(S3ProxyServer.SECRET_KEY), r.stdout);
    }

    // ---- Azure through AZURE_STORAGE_CONNECTION_STRING, and account name + key ----------------

    @Test
    void azureConnectionStringAndAccountKeyReachTheSameBlobs() throws Exception {
        AzuriteServer azurite = AzuriteServer.shared();
        BlobContainerClient container = azurite.newContainer("url-env");
        try {
            String c = container.getBlobContainerName();
            String path = "folder/ünï code+1%.bin";
            String encoded = "folder/%C3%BCn%C3%AF%20code%2B1%25.bin";
            Map<String, String> byString = env(Map.of("AZURE_STORAGE_CONNECTION_STRING", connectionString(azurite)));
            String written = run(byString, "write", "az://" + c + "/" + encoded, "2000003", "9").single();
            assertEquals(expectedSha(2000003, 9), written);
            assertEquals(written, run(byString, "read", "https://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/" + c + "/" + encoded)
                    .single());
            Map<String, String> byKey = env(Map.of("AZURE_STORAGE_ACCOUNT_NAME", AzuriteServer.ACCOUNT,
                    "AZURE_STORAGE_ACCOUNT_KEY", AzuriteServer.KEY,
                    "AZURE_STORAGE_SERVICE_ENDPOINT", azurite.endpoint().toString()));
            assertEquals(written, run(byKey, "read", "abfss://" + c + "@" + AzuriteServer.ACCOUNT + ".dfs.core.windows.net/" + encoded)
                    .single());
            Map<String, String> byAccessKey = env(Map.of("AZURE_STORAGE_ACCOUNT", AzuriteServer.ACCOUNT,
                    "AZURE_STORAGE_ACCESS_KEY", AzuriteServer.KEY));
            assertEquals(written, run(byAccessKey, "read", "azure://" + c + "/" + encoded + "?endpoint="
                    + azurite.endpoint()).single());
            assertEquals(written, UrlChildProcess.sha(container.getBlobClient(path).openInputStream()), "the blob's name is the decoded key");
        } finally {
            container.delete();
        }
    }

    @Test
    void azureWithoutCredentialsNamesTheVariablesItLookedFor() throws Exception {
        Result r = runExpectingFailure(env(Map.of("AZURE_STORAGE_ACCOUNT_NAME", "acct01")), "read", "az://c01/x");
        for (String v : new String[] {"AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_SAS_TOKEN"}) {
            assertTrue(r.stdout.contains(v), v + " in " + r.stdout);
        }
    }

    // ---- local and memory --------------------------------------------------------------------

    @Test
    void fileUrlAndPlainPathReachTheSameFile() throws Exception {
        Path file = work.resolve("local dir/a+b%c.bin");
        String url = file.toUri().toString();
        String written = run(env(Map.of()), "write", url, "100000", "3").single();
        assertEquals(written, run(env(Map.of()), "read", file.toString()).single());
        assertEquals(written, UrlChildProcess.sha(Files.newInputStream(file)));
    }

    // ---- one program, three stores -----------------------------------------------------------

    @Test
    void sameApplicationCodeGivesSameResultsOnLocalS3ProxyAndAzurite() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        AzuriteServer azurite = AzuriteServer.shared();
        BlobContainerClient container = azurite.newContainer("url-app");
        try {
            List<String> local = run(env(Map.of()), "app", work.resolve("app").toUri().toString()).lines;
            List<String> memory = run(env(Map.of()), "app", "memory://app/run/").lines;
            List<String> onS3 = run(s3Env(s3, "AWS_ENDPOINT_URL_S3"), "app",
                    "s3://" + s3.bucket() + "/" + S3ProxyServer.uniquePrefix("url-app")).lines;
            List<String> onAzure = run(env(Map.of("AZURE_STORAGE_CONNECTION_STRING", connectionString(azurite))), "app",
                    "az://" + container.getBlobContainerName() + "/run").lines;
            assertTrue(local.contains("create-only: refused"), String.join("\n", local));
            assertTrue(local.contains("big: " + expectedSha(UrlChildProcess.BIG, 7)), String.join("\n", local));
            assertTrue(local.contains("file nested/with space+plus%ü.txt 7"), String.join("\n", local));
            assertEquals(local, memory);
            assertEquals(local, onS3);
            assertEquals(local, onAzure);
        } finally {
            container.delete();
        }
    }

    @Test
    void urlCopyStreamsBetweenLocalS3ProxyAndAzurite() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        AzuriteServer azurite = AzuriteServer.shared();
        BlobContainerClient container = azurite.newContainer("url-copy");
        try {
            Map<String, String> env = new TreeMap<>(s3Env(s3, "AWS_ENDPOINT_URL_S3"));
            env.put("AZURE_STORAGE_CONNECTION_STRING", connectionString(azurite));
            Path source = work.resolve("source.bin");
            String written = run(env, "write", source.toString(), "5000000", "11").single();
            String s3Url = "s3://" + s3.bucket() + "/" + S3ProxyServer.uniquePrefix("url-copy") + "/";
            String azUrl = "az://" + container.getBlobContainerName() + "/copied/";
            run(env, "copy", source.toString(), s3Url);
            run(env, "copy", s3Url + "source.bin", azUrl + "via-s3.bin");
            run(env, "copy", azUrl + "via-s3.bin", work.resolve("back").toUri() + "/");
            assertEquals(written, UrlChildProcess.sha(Files.newInputStream(work.resolve("back/via-s3.bin"))));
        } finally {
            container.delete();
        }
    }

    // ---- the child JVM -----------------------------------------------------------------------

    private Map<String, String> s3Env(S3ProxyServer server, String endpointVariable) {
        return env(Map.of(
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                endpointVariable, server.endpoint().toString(),
                // the chain's last resort is the instance metadata service: no test may reach for it
                "AWS_EC2_METADATA_DISABLED", "true"));
    }

    private static String connectionString(AzuriteServer azurite) {
        return "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT + ";AccountKey=" + AzuriteServer.KEY
                + ";BlobEndpoint=" + azurite.endpoint() + ";";
    }

    private Map<String, String> env(Map<String, String> variables) {
        return new TreeMap<>(variables);
    }

    private static String expectedSha(long size, long seed) throws IOException {
        java.security.MessageDigest md = UrlChildProcess.sha256();
        try (OutputStream digest = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            UrlChildProcess.writeSeeded(digest, size, seed);
        }
        return "sha " + java.util.HexFormat.of().formatHex(md.digest()) + " " + size;
    }

    private record Result(int exit, String stdout, List<String> lines, String stderr) {
        String single() {
            assertEquals(1, lines.size(), stdout + stderr);
            return lines.get(0);
        }
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Result r = start(env, args);
        assertEquals(0, r.exit, "child failed: " + r.stdout + "\n" + r.stderr);
        return r;
    }

    private Result runExpectingFailure(Map<String, String> env, String... args) throws Exception {
        Result r = start(env, args);
        assertEquals(1, r.exit, "child should fail with a store error: " + r.stdout + "\n" + r.stderr);
        return r;
    }

    private Result start(Map<String, String> env, String... args) throws Exception {
        Path home = Files.createDirectories(work.resolve("empty-home"));
        Path argFile = work.resolve("classpath.args");
        if (!Files.exists(argFile)) {
            // an argument file: a test class path can exceed the limit of one command-line argument
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home,
                // logback prints its status (duplicate test configs on the class path) on stdout, where the results go
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener", "@" + argFile, UrlChildProcess.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        // a UTF-8 locale: under the C locale the JVM cannot name local files like "ü.txt" at all
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().putAll(env);
        Path err = work.resolve("child.err");
        Process p = pb.redirectError(err.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child still running after 120 s");
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Result(p.exitValue(), stdout, stdout.lines().toList(), Files.readString(err));
    }
}
