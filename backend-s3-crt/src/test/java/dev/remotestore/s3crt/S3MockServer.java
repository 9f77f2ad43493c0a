package dev.remotestore.s3crt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Adobe S3Mock 5.2.0 as a separate process: its exec jar (copied into the build directory by
 * the pom, path in {@code rs.s3mock.jar}) run with this JVM's {@code java} on free ports (it
 * prints the ports Tomcat bound), one bucket created at start, blobs under a temporary folder.
 * A Spring Boot application, it stays out of the test JVM so its libraries cannot clash with
 * S3Proxy's. {@link #shared()} starts it once per JVM; a shutdown hook stops it (destroy, wait,
 * then force) and removes its folder.
 */
final class S3MockServer {
    static final String BUCKET = "rs-test-bucket";
    /** S3Mock ignores credentials; the SDK still needs some. */
    static final String ACCESS_KEY = "s3mock-any";
    static final String SECRET_KEY = "s3mock-any-secret";
    private static final Pattern PORTS = Pattern.compile("started on ports? (\\d+) \\(https\\), (\\d+) \\(http\\)");
    private static S3MockServer shared;

    private final Process process;
    private final Path root;
    private final URI endpoint;

    private S3MockServer(Path jar) throws IOException, InterruptedException {
        this.root = Files.createTempDirectory("rs-s3mock-");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-jar", jar.toString(),
                "--server.port=0", "--http.port=0",
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + root,
                "--logging.level.root=WARN", "--logging.level.org.springframework.boot.tomcat=INFO"))
                .redirectErrorStream(true).start();
        CompletableFuture<URI> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = PORTS.matcher(line);
                    if (m.find()) {
                        started.complete(URI.create("http://127.0.0.1:" + m.group(2)));
                    }
                }
                started.completeExceptionally(new IllegalStateException("S3Mock exited: " + process.waitFor()));
            } catch (IOException | InterruptedException e) {
                started.completeExceptionally(e);
            }
        }, "s3mock-output");
        reader.setDaemon(true);
        reader.start();
        try {
            endpoint = started.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("S3Mock did not start", e);
        }
    }

    static synchronized S3MockServer shared() {
        if (shared == null) {
            String jar = System.getProperty("rs.s3mock.jar");
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("rs.s3mock.jar does not name S3Mock's exec jar: " + jar);
            }
            try {
                S3MockServer server = new S3MockServer(Path.of(jar));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3mock-shutdown"));
                shared = server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    URI endpoint() {
        return endpoint;
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
