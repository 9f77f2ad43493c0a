package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory while streaming one large object (default 1 GiB) through a store: written with
 * {@code openOutputStream()} from a 1 MiB buffer, then read back with {@code read()}. For each
 * phase it reports the heap's peak (the JMX pools' peak usage, reset at the phase's start) and
 * the process's resident set (sampled every 10 ms from /proc/self/status), which is where the
 * CRT's native buffers show (NMT does not see them). Run in its own JVM per backend, with a small
 * heap, so the figures are the backend's alone.
 *
 * <pre>java -Xmx256m -cp benchmarks.jar dev.remotestore.benchmarks.StreamingMemory --type s3|s3-crt
 *     --endpoint URL [--size-mib 1024] [--markdown FILE]</pre>
 */
public final class StreamingMemory {
    private static final int BUFFER = BenchEnv.MiB;

    private StreamingMemory() {
    }

    public static void main(String[] args) throws Exception {
        String type = null;
        URI endpoint = null;
        long sizeMiB = 1024;
        Path markdown = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--type" -> type = args[++i];
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--size-mib" -> sizeMiB = Long.parseLong(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (type == null || endpoint == null) {
            throw new IllegalArgumentException("--type and --endpoint are required");
        }
        long size = sizeMiB * BenchEnv.MiB;
        String key = "streaming-memory-" + type;
        long maxHeap = Runtime.getRuntime().maxMemory() / BenchEnv.MiB;
        try (Registry registry = BenchEnv.s3Registry(type, endpoint, "")) {
            Store store = BenchEnv.store(registry);
            byte[] chunk = BenchEnv.payload(BUFFER);
            String write = measure(type, "openOutputStream() " + sizeMiB + " MiB", size, maxHeap, () -> {
                try (StoreOutputStream out = store.openOutputStream(key, WriteOptions.overwrite())) {
                    for (long written = 0; written < size; written += BUFFER) {
                        out.write(chunk, 0, BUFFER);
                    }
                    out.commit();
                }
            });
            String read = measure(type, "read() " + sizeMiB + " MiB", size, maxHeap,
                    () -> BenchEnv.expect(size, BenchEnv.drain(store.read(key)), key));
            store.delete(key);
            System.out.println(write);
            System.out.println(read);
            if (markdown != null) {
                Files.writeString(markdown, write + "\n" + read + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /** Runs the phase while sampling RSS; returns its Markdown table row. */
    private static String measure(String type, String phase, long bytes, long maxHeapMiB, Runnable work)
            throws InterruptedException {
        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long rssStart = rssKiB();
        AtomicLong rssPeak = new AtomicLong(rssStart);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rssPeak.accumulateAndGet(rssKiB(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %d (of -Xmx %d) | %d | %d | +%d |", type, phase,
                bytes / (double) BenchEnv.MiB / seconds, heapPeak / BenchEnv.MiB, maxHeapMiB, rssStart / 1024,
                rssPeak.get() / 1024, (rssPeak.get() - rssStart) / 1024);
    }

    private static long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report zero rather than fail the heap figures
        }
        return 0;
    }
}
