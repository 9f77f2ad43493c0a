package dev.remotestore.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.local.LocalBackend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes and reads back {@code --count} files of 16 KiB in one fresh folder, the way
 * {@link LocalOverheadBenchmark#writeRead16KiBx1000} does, once, through {@code nio},
 * {@code nio-atomic}, {@code nio-guarded} (the store's system calls without the store) or the
 * {@code local} {@code store}, and prints the wall time: a driver for
 * {@code strace -f -c} (issue 18), which counts the system calls of the whole process; the
 * calls per operation are the difference between a run with {@code --count N} and one with
 * {@code --count 0}, divided by N. With {@code --variant all --rounds R} the three run
 * interleaved in one JVM (two warm-up rounds first) and the medians of wall and process CPU time
 * are printed: CPU time is what the other processes of a shared machine disturb least.
 *
 * <pre>java -cp benchmarks.jar dev.remotestore.benchmarks.LocalSmallFiles --variant store --count 1000 --dir /dev/shm/x
 * java -cp benchmarks.jar dev.remotestore.benchmarks.LocalSmallFiles --variant all --rounds 15 --dir /dev/shm/x</pre>
 */
public final class LocalSmallFiles {
    private static final int SIZE = 16 * 1024;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private LocalSmallFiles() {
    }

    public static void main(String[] args) throws IOException {
        String variant = "store";
        int count = 1000;
        int rounds = 1;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--variant" -> variant = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> variants = variant.equals("all") ? List.of("nio", "nio-atomic", "nio-guarded", "nio-guarded-nolock", "store") : List.of(variant);
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        byte[] data = BenchEnv.payload(SIZE);
        Files.createDirectories(dir);
        // rounds > 1: the variants interleaved, order rotated, the first two rounds a warm-up
        int first = rounds > 1 ? -2 : 0;
        for (int round = first; round < rounds; round++) {
            for (int v = 0; v < variants.size(); v++) {
                String name = variants.get((v + Math.max(round, 0)) % variants.size());
                double[] m = run(name, count, dir, data);
                if (round >= 0) {
                    samples.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
                }
            }
        }
        for (var e : samples.entrySet()) {
            double[] wall = e.getValue().stream().mapToDouble(m -> m[0]).sorted().toArray();
            double[] cpu = e.getValue().stream().mapToDouble(m -> m[1]).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s: %d x (write + read) 16 KiB, median of %d: %.1f ms wall, %.1f ms CPU%n",
                    e.getKey(), count, wall.length, wall[wall.length / 2], cpu[cpu.length / 2]);
        }
    }

    /**
     * What the store's guarantees cost in plain java.nio, without the store: the temp file under
     * an OS lock (crashed-write sweeps, adr/0028), a write id in an extended attribute and a stat
     * (the ETag), the rename; the read checks the entry is no symbolic link before opening it.
     */
    private static int guarded(Path root, String name, byte[] data, boolean lock) throws IOException {
        Path tmp = root.resolve(".rs-tmp-" + name);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (lock) {
                channel.tryLock();
            }
            channel.write(ByteBuffer.wrap(data));
        }
        Files.getFileAttributeView(tmp, UserDefinedFileAttributeView.class)
                .write("rs.write-id", StandardCharsets.UTF_8.encode(Long.toHexString(System.nanoTime())));
        Files.readAttributes(tmp, BasicFileAttributes.class);
        Path file = root.resolve(name);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reads until full
            }
            return buffer.position();
        }
    }

    /** One pass in a fresh folder: {wall ms, process CPU ms}. */
    private static double[] run(String variant, int count, Path dir, byte[] data) throws IOException {
        Path root = Files.createTempDirectory(dir, "small-" + variant + "-");
        try (LocalBackend backend = LocalBackend.create(root)) {
            Store store = Store.of("bench", backend);
            long total = 0;
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String name = "small-" + i;
                switch (variant) {
                    case "store" -> {
                        store.write(name, data, WriteOptions.overwrite());
                        total += store.readBytes(name).length;
                    }
                    case "nio-atomic" -> {
                        Path tmp = root.resolve(name + ".tmp");
                        Files.write(tmp, data);
                        Files.move(tmp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                        total += Files.readAllBytes(root.resolve(name)).length;
                    }
                    case "nio-guarded" -> total += guarded(root, name, data, true);
                    // the same without the temp file's OS lock, which one-shot writes no longer take (adr/0053)
                    case "nio-guarded-nolock" -> total += guarded(root, name, data, false);
                    case "nio" -> {
                        Files.write(root.resolve(name), data);
                        total += Files.readAllBytes(root.resolve(name)).length;
                    }
                    default -> throw new IllegalArgumentException("unknown variant " + variant);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            double cpu = (OS.getProcessCpuTime() - cpu0) / 1e6;
            BenchEnv.expect((long) SIZE * count, total, "16 KiB x " + count);
            return new double[] {wall, cpu};
        } finally {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
