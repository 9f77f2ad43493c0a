package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code rs} as users do: the launcher {@code target/rs} (built in package, before these
 * tests run) over the shaded jar, in its own process, with stdout and stderr on pipes (so stderr
 * is not a terminal). The environment is the test JVM's plus what a test adds.
 */
final class RsRun {
    static final Path LAUNCHER = Path.of(System.getProperty("rs.launcher", "target/rs")).toAbsolutePath();

    /** What one run printed and how it ended. */
    record Result(int exit, byte[] stdoutBytes, String stderr, List<String> args) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            String out = stdout();
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        }

        /** Fails, showing everything printed, unless the run ended with {@code code}. */
        Result expect(int code) {
            assertEquals(code, exit, () -> "rs " + String.join(" ", args) + "\nstdout: " + stdout() + "\nstderr: " + stderr);
            return this;
        }
    }

    private final Map<String, String> env = new HashMap<>();

    RsRun() {
        // C1 only and the serial GC: these runs are short, and JVM start-up is most of their time
        env.put("RS_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }
    private Path dir = Path.of(".").toAbsolutePath();

    RsRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    RsRun in(Path directory) {
        this.dir = directory;
        return this;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("rs " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8), List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, data);
    }

    static String sha(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String sha(Path file) throws IOException {
        return sha(Files.readAllBytes(file));
    }
}
