package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.gcs.GcsJsonApiServer.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gs://}, {@code gcs://} and {@code https://storage.googleapis.com/...} URLs opened through
 * {@code Registry.open}/{@code openFolder} against {@link GcsJsonApiServer}, with the endpoint taken
 * from {@code STORAGE_EMULATOR_HOST} as a user would set it. The variable is read by the backend
 * from the process environment, which a JVM cannot change for itself, so the application side
 * ({@link GcsUrlChild}) runs in a child JVM whose environment holds only what this test sets (no
 * inherited variables; HOME and user.home on an empty folder, so no gcloud or ADC file is read).
 */
class GcsUrlStoreWireTest {
    private static final int SIZE = 70_000;
    private static final long SEED = 14;

    @TempDir
    Path work;

    /** Both spellings of the variable: a URL (Python's client, Firebase) and host:port (Go's client). */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d", "127.0.0.1:%d"})
    void writeThroughGsReadThroughGcsAndHttpsListTheFolderWithNoCredentialsSent(String emulatorHost) throws Exception {
        try (GcsJsonApiServer server = new GcsJsonApiServer()) {
            // neighbours the folder listing must (nested, non-recursive) and must not (other folder) show
            server.put("dir/sub/nested.bin", new byte[] {1, 2, 3});
            server.put("dirt.txt", new byte[] {4});
            server.put("other/file.txt", new byte[] {5, 6});
            byte[] expected = bytes(SIZE, SEED);
            String sha = sha(expected);

            List<String> lines = runChild(Map.of(
                    "STORAGE_EMULATOR_HOST", emulatorHost.formatted(server.port()),
                    "GOOGLE_CLOUD_PROJECT", "test-project"),
                    GcsJsonApiServer.BUCKET, Integer.toString(SIZE), Long.toString(SEED));

            assertEquals(List.of(
                    "wrote " + sha + " at gs://" + GcsJsonApiServer.BUCKET + "/dir/file.txt",
                    "read " + sha + " via gcs://" + GcsJsonApiServer.BUCKET + "/dir/file.txt",
                    "read " + sha + " via https://storage.googleapis.com/" + GcsJsonApiServer.BUCKET + "/dir/file.txt",
                    "file file.txt " + SIZE), lines);
            // the object is on the server under the key the URL named, byte for byte
            assertArrayEquals(expected, server.data("dir/file.txt"));

            List<Request> requests = server.requests();
            assertFalse(requests.isEmpty());
            for (Request r : requests) {
                assertEquals(null, r.header("authorization"), "credentials sent under STORAGE_EMULATOR_HOST: " + r);
                assertTrue(r.status() < 400, "the server refused " + r);
            }
            List<Request> uploads = GcsJsonApiServer.only(requests, r -> r.isMultipartUpload() || r.isUploadStart());
            assertEquals(1, uploads.size(), requests.toString());
            assertEquals(2, GcsJsonApiServer.only(requests, Request::isDownload).size(), requests.toString());
            List<Request> lists = GcsJsonApiServer.only(requests, Request::isList);
            assertEquals(1, lists.size(), requests.toString());
            assertEquals("dir/", lists.get(0).query().get("prefix"));
            assertEquals("/", lists.get(0).query().get("delimiter"));
        }
    }

    /** {@code size} bytes from {@code seed}: every byte value occurs, so no text handling goes unnoticed. */
    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String sha(byte[] data) {
        return HexFormat.of().formatHex(GcsJsonApiServer.sha256().digest(data));
    }

    private List<String> runChild(Map<String, String> env, String... args) throws Exception {
        Path home = Files.createDirectories(work.resolve("empty-home"));
        Path argFile = work.resolve("classpath.args");
        // an argument file: a test class path can exceed the limit of one command-line argument
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home,
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                "@" + argFile, GcsUrlChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
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
        assertEquals(0, p.exitValue(), "child failed: " + stdout + "\n" + Files.readString(err));
        return stdout.lines().toList();
    }
}
