package dev.remotestore.consumer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** One run of a consumer application in its own JVM: exit code and everything it printed. */
record AppRun(String app, int exitCode, String output, long millis) {
    /**
     * What must never appear: a log line at WARN or ERROR (logback's pattern in the apps puts the
     * level first; java.util.logging prints {@code WARNING:} / {@code SEVERE:}), SLF4J's own
     * warnings, and the errors a broken class path produces.
     */
    private static final Pattern PROBLEM = Pattern.compile(
            "^(WARN|ERROR)\\b.*|^(WARNING|SEVERE):.*|^SLF4J(\\(W\\)|\\(E\\)|:).*"
                    + "|.*(NoClassDefFoundError|ClassNotFoundException|NoSuchMethodError|NoSuchFieldError|LinkageError"
                    + "|AbstractMethodError|IncompatibleClassChangeError|UnsatisfiedLinkError).*");

    static AppRun start(String app, String classPath, String mainClass, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(app + " did not end within 2 minutes:\n" + new String(out, StandardCharsets.UTF_8));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return new AppRun(app, p.exitValue(), new String(out, StandardCharsets.UTF_8), ms);
    }

    /** The lines that make the run a failure even when it exited 0. */
    List<String> problems() {
        return output.lines().filter(l -> PROBLEM.matcher(l).matches()).toList();
    }
}
