package dev.remotestore.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CPU seconds spent per operation by the three processes of a shaped-link benchmark: this JVM
 * (the client), S3Proxy and the shaping proxy, read from {@code /proc}. On a machine whose cores
 * are shared, the time of a CPU-bound transfer is at least its CPU seconds over the cores it
 * gets: this is how the streaming benchmarks show their floor. The servers are found by their
 * command lines: the shaping proxy's {@code --target} names S3Proxy's port, and its
 * {@code --port-file} lies in the folder of S3Proxy's properties (run.sh).
 */
final class CpuMeter {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Optional<Long> serverPid;
    private final Optional<Long> proxyPid;
    private long client;
    private long server;
    private long proxy;
    private long clientTotal;
    private long serverTotal;
    private long proxyTotal;
    private int operations;
    private long[] machine = {0, 0};
    private long wall;
    private long machineBusyTotal;
    private long machineAllTotal;
    private long wallTotal;

    CpuMeter(String endpoint) {
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1).replace("/", "");
        // the shaping proxy listens on the endpoint's port (written to its --port-file); S3Proxy's own endpoint is its --target
        proxyPid = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("ShapingProxy") && (c.contains("--target 127.0.0.1:" + port + " ")
                        || port.equals(portFileOf(c)))).orElse(false))
                .map(ProcessHandle::pid).findFirst();
        Optional<String> folder = proxyPid.flatMap(pid -> ProcessHandle.of(pid)).flatMap(p -> p.info().commandLine())
                .map(c -> c.replaceAll(".*--port-file (\\S+)/shaped.port.*", "$1"));
        serverPid = folder.flatMap(dir -> ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(dir + "/s3proxy.properties")).orElse(false)).map(ProcessHandle::pid).findFirst());
    }

    /** The port a shaping proxy wrote to the {@code --port-file} of its command line, or "". */
    private static String portFileOf(String commandLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--port-file (\\S+)").matcher(commandLine);
        if (!m.find()) {
            return "";
        }
        try {
            return Files.readString(Path.of(m.group(1))).trim();
        } catch (IOException e) {
            return "";
        }
    }

    void start() {
        machine = machineTicks();
        wall = System.nanoTime();
        client = clientNanos();
        server = ticks(serverPid).orElse(0);
        proxy = ticks(proxyPid).orElse(0);
    }

    void stop() {
        clientTotal += clientNanos() - client;
        serverTotal += ticks(serverPid).orElse(0) - server;
        proxyTotal += ticks(proxyPid).orElse(0) - proxy;
        long[] now = machineTicks();
        machineBusyTotal += now[0] - machine[0];
        machineAllTotal += now[1] - machine[1];
        wallTotal += System.nanoTime() - wall;
        operations++;
    }

    /** One line for the JMH log: CPU seconds per operation of each process. */
    String report(String what) {
        double n = Math.max(1, operations);
        return String.format(Locale.ROOT, "CPU %s: client %.2f s, S3Proxy %.2f s%s, shaping proxy %.2f s%s per operation"
                        + " (%d operations, %.2f s wall each; all cores busy %.0f%% of that time; load average %s)", what,
                clientTotal / 1e9 / n,
                serverTotal / (double) TICKS_PER_SECOND / n, serverPid.isEmpty() ? " (not found)" : "",
                proxyTotal / (double) TICKS_PER_SECOND / n, proxyPid.isEmpty() ? " (not found)" : "", operations,
                wallTotal / 1e9 / n, machineAllTotal == 0 ? 0.0 : 100.0 * machineBusyTotal / machineAllTotal, load());
    }

    private static long clientNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static OptionalLong ticks(Optional<Long> pid) {
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid.get() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {busy, all} jiffies of every core together, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                all += Long.parseLong(f[i]); // user nice system idle iowait irq softirq steal
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
