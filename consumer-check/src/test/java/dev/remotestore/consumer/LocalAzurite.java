package dev.remotestore.consumer;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azurite for the azure apps: the one that backend-azure's tests install with {@code npm ci} in
 * {@code backend-azure/src/test/azurite} (pinned there, installed here too when missing), on a
 * free port, in memory. {@link #startOrNull} answers null when Node is not installed, so the
 * caller can skip (or fail, under {@code CI=true}).
 */
final class LocalAzurite implements AutoCloseable {
    static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's documented, public development key: not a secret. */
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Pattern LISTENING = Pattern.compile("listens on (http://[0-9.]+:[0-9]+)");

    private final Process process;
    final String endpoint;

    private LocalAzurite(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static LocalAzurite startOrNull(Path dir) throws IOException, InterruptedException {
        Path bin = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(bin)) {
            Process ci;
            try {
                ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException noNpm) {
                return null;
            }
            String out = new String(ci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ci.waitFor(10, TimeUnit.MINUTES) || ci.exitValue() != 0) {
                throw new IOException("npm ci failed in " + dir + ":\n" + out);
            }
        }
        Path workspace = Files.createTempDirectory("consumer-azurite-");
        Process p = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--inMemoryPersistence", "--skipApiVersionCheck"))
                .directory(workspace.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                drain(out);
                LocalAzurite azurite = new LocalAzurite(p, m.group(1) + "/" + ACCOUNT);
                new BlobServiceClientBuilder().endpoint(azurite.endpoint).credential(new StorageSharedKeyCredential(ACCOUNT, KEY))
                        .buildClient().createBlobContainerIfNotExists("consumer");
                return azurite;
            }
        }
        p.destroyForcibly();
        throw new IOException("Azurite exited before listening:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // Azurite's access log is not needed
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "consumer-azurite-output");
        t.setDaemon(true);
        t.start();
    }

    /** TERM, a wait, then KILL: Azurite can outlive a TERM by seconds. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
