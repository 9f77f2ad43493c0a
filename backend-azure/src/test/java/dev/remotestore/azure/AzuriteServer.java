package dev.remotestore.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite 3.37.0 (pinned in {@code src/test/azurite/package.json} and its lock file), one per
 * test JVM, shared by the test classes. The first use runs {@code npm ci} when
 * {@code node_modules} is missing or older than the lock file, starts
 * {@code azurite-blob --blobPort 0 --inMemoryPersistence --skipApiVersionCheck}, and reads the
 * port it prints. A shutdown hook stops it: TERM, a wait, then KILL (Azurite can outlive a TERM
 * by seconds).
 *
 * <p>When npm is present but {@code npm ci} or Azurite fails, every Azure test fails. Without
 * Node and npm the Azure tests are skipped with a message saying how to enable
 * them, except when {@code CI=true}: there they fail, so a CI run never passes without them.
 */
public final class AzuriteServer {
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's documented, public development key: not a secret. */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /** Where the pinned package.json lives; another module reusing this fixture points rs.azurite.dir here. */
    private static final Path DIR = Path.of(System.getProperty("rs.azurite.dir", Path.of("src", "test", "azurite").toString()))
            .toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listens on (http://[0-9.]+:([0-9]+))");
    private static final AtomicInteger CONTAINERS = new AtomicInteger();
    private static volatile Object shared;

    private final Process process;
    private final URI endpoint;
    private final BlobServiceClient service;
    /** How long {@code npm ci} took in this JVM, 0 when node_modules was current. */
    final long npmCiMillis;
    /** How long Azurite took from start to listening. */
    final long startMillis;

    private AzuriteServer(Process process, URI endpoint, long npmCiMillis, long startMillis) {
        this.process = process;
        this.endpoint = endpoint;
        this.npmCiMillis = npmCiMillis;
        this.startMillis = startMillis;
        this.service = new BlobServiceClientBuilder().endpoint(endpoint.toString())
                .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient();
    }

    /** The shared server; skips the calling test (or fails under CI=true) when it cannot run. */
    public static AzuriteServer shared() {
        Object s = shared;
        if (s == null) {
            synchronized (AzuriteServer.class) {
                s = shared;
                if (s == null) {
                    s = startOrReason();
                    shared = s;
                }
            }
        }
        if (s instanceof AzuriteServer server) {
            return server;
        }
        if (s instanceof IllegalStateException failure) {
            throw failure;
        }
        String reason = (String) s;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and Azurite cannot run: " + reason);
        }
        Assumptions.abort("Azure tests skipped: " + reason
                + ". To run them, install Node.js 20 and npm; the tests then run `npm ci` in " + DIR + " and start Azurite.");
        throw new AssertionError("unreachable");
    }

    /** The blob service URL, e.g. {@code http://127.0.0.1:41234/devstoreaccount1}. */
    public URI endpoint() {
        return endpoint;
    }

    BlobServiceClient service() {
        return service;
    }

    /** A new, empty container with a unique name. */
    public BlobContainerClient newContainer(String hint) {
        String name = (hint + "-" + CONTAINERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        BlobContainerClient c = service.getBlobContainerClient(name.length() > 63 ? name.substring(0, 63) : name);
        c.create();
        return c;
    }

    /** A config for a backend on {@code container} with the account key. */
    AzureConfig.Builder config(String container) {
        return AzureConfig.builder().account(ACCOUNT).container(container).endpoint(endpoint)
                .accountKey(new dev.remotestore.spi.Secret(KEY));
    }

    private static Object startOrReason() {
        String npm = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
        try {
            Process v = new ProcessBuilder(npm, "--version").redirectErrorStream(true).start();
            v.getInputStream().readAllBytes();
            if (!v.waitFor(60, TimeUnit.SECONDS) || v.exitValue() != 0) {
                return "`npm --version` failed";
            }
        } catch (IOException e) {
            return "npm is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        try {
            long npmCi = installIfStale(npm);
            return start(npmCi);
        } catch (IOException | RuntimeException e) {
            // npm is here, so Azurite must run: a failure is a failure, not a skip
            return new IllegalStateException("Azurite did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while starting Azurite", e);
        }
    }

    private static long installIfStale(String npm) throws IOException, InterruptedException {
        Path installed = DIR.resolve("node_modules").resolve(".package-lock.json");
        Path bin = azuriteBin();
        Path lock = DIR.resolve("package-lock.json");
        if (Files.isRegularFile(bin) && Files.isRegularFile(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return 0;
        }
        long t0 = System.nanoTime();
        Process ci = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        String out = new String(ci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ci.waitFor(10, TimeUnit.MINUTES) || ci.exitValue() != 0) {
            throw new IOException("npm ci failed in " + DIR + ":\n" + out);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.err.println("[azurite] npm ci took " + ms + " ms");
        return ms;
    }

    private static Path azuriteBin() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        return DIR.resolve("node_modules").resolve(".bin").resolve(windows ? "azurite-blob.cmd" : "azurite-blob");
    }

    private static AzuriteServer start(long npmCiMillis) throws IOException, InterruptedException {
        Path workspace = Files.createTempDirectory("azurite-");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(List.of(azuriteBin().toString(), "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--inMemoryPersistence", "--skipApiVersionCheck"))
                .directory(workspace.toFile()).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "azurite-stop"));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                System.err.println("[azurite] listening on port " + m.group(2) + " after " + ms + " ms");
                drain(out);
                return new AzuriteServer(p, URI.create(m.group(1) + "/" + ACCOUNT), npmCiMillis, ms);
            }
        }
        stop(p);
        throw new IOException("Azurite exited before listening:\n" + seen);
    }

    /** Keeps reading Azurite's output so a full pipe never blocks it. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: Azurite's access log is not needed
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "azurite-output");
        t.setDaemon(true);
        t.start();
    }

    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
