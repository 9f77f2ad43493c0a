package dev.remotestore.consumer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The consumer applications of {@code src/consumer}, built once, outside the reactor: copied to
 * {@code target/consumer} with {@code @remote-store.version@} replaced, then one offline Maven
 * run ({@code mvn -o verify}) against the throwaway repository that invoker:install filled, with
 * the user's repository as a read-only tail for Maven's own plugins.
 */
final class ConsumerBuild {
    private static final String VERSION_TOKEN = "@remote-store.version@";

    final Path work;
    final Path repository;
    final int exitCode;
    final String log;
    final long millis;

    private ConsumerBuild(Path work, Path repository, int exitCode, String log, long millis) {
        this.work = work;
        this.repository = repository;
        this.exitCode = exitCode;
        this.log = log;
        this.millis = millis;
    }

    static ConsumerBuild run() throws IOException, InterruptedException {
        Path sources = Path.of(required("rs.consumer.sources"));
        Path work = Path.of(required("rs.consumer.work"));
        Path repository = Path.of(required("rs.consumer.repo"));
        String version = required("rs.version");
        deleteTree(work);
        copy(sources, work, version);
        // An empty .mvn stops Maven's search for a project root here, so this repository's own
        // .mvn (and any maven.config in it) does not apply to the consumer build.
        Files.createDirectories(work.resolve(".mvn"));

        Path mvn = Path.of(required("rs.maven.home"), "bin", "mvn");
        List<String> command = List.of(mvn.toString(), "-B", "-o", "-ntp", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + required("rs.consumer.tail"),
                "--fail-at-end", "-f", work.resolve("pom.xml").toString(), "verify");
        Path logFile = work.resolve("build.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the consumer build took more than 15 minutes; log: " + logFile);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.err.println("[consumer-check] mvn -o verify of the consumer apps: exit " + p.exitValue() + " after " + ms + " ms");
        return new ConsumerBuild(work, repository, p.exitValue(), Files.readString(logFile), ms);
    }

    /** The module's folder, e.g. {@code app-s3-bom}. */
    Path module(String name) {
        return work.resolve(name);
    }

    /** The app's run-time class path: its classes, then its dependencies' jars. */
    String classPath(String module) throws IOException {
        return module(module).resolve("target/classes") + File.pathSeparator
                + Files.readString(module(module).resolve("target/runtime-classpath.txt")).trim();
    }

    /** The run-time artifacts as {@code group:artifact:type[:classifier]:version}, sorted. */
    List<String> runtimeArtifacts(String module) throws IOException {
        try (Stream<String> lines = Files.lines(module(module).resolve("target/runtime-artifacts.txt"))) {
            return lines.map(String::trim)
                    .filter(l -> l.matches("[\\w.-]+:[\\w.-]+:.*:(compile|runtime)( .*)?"))
                    .map(l -> l.replaceAll(" .*$", "").replaceAll(":(compile|runtime)$", ""))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The lines of the build log that say what went wrong, for a failure message. */
    String errors() {
        List<String> lines = log.lines().filter(l -> l.startsWith("[ERROR]") || l.contains("convergence error")
                || l.startsWith("+-") || l.startsWith("  +-") || l.startsWith("    +-")).limit(120).toList();
        return String.join("\n", lines);
    }

    private static void copy(Path from, Path to, String version) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (source.getFileName().toString().equals("pom.xml")) {
                    Files.writeString(target, Files.readString(source).replace(VERSION_TOKEN, version), StandardCharsets.UTF_8);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through Maven (consumer-check/pom.xml)");
        }
        return value;
    }
}
