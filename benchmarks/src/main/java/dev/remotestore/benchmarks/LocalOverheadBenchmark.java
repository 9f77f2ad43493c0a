package dev.remotestore.benchmarks;

import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.local.LocalBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code local} against {@code java.nio.file}: the same bytes to the same folder, once through a
 * {@link Store} over {@link LocalBackend} and once through {@link FileChannel} / {@link Files}.
 * The store writes to a temporary file and renames it into place (atomic replace) and tags it
 * (an extended attribute, for its ETag); the {@code nio} baseline writes in place, the
 * {@code nio-atomic} one writes a temporary file and renames it, so that the difference between
 * the two baselines is the price of atomicity alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LocalOverheadBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;
    private static final int SMALL = 16 * 1024;
    private static final int SMALL_COUNT = 1_000;

    @Param({"nio", "nio-atomic", "store"})
    public String variant;

    private Path root;
    private LocalBackend backend;
    private Store store;
    private byte[] large;
    private byte[] small;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path base = Path.of(System.getProperty(BenchEnv.LOCAL_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        root = Files.createTempDirectory(base, "local-" + variant + "-");
        backend = LocalBackend.create(root);
        store = Store.of("bench", backend);
        large = BenchEnv.payload(LARGE);
        small = BenchEnv.payload(SMALL);
        writeLargeNio(root.resolve("read-256MiB"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        backend.close();
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public void write256MiB() throws IOException {
        if (variant.equals("store")) {
            store.write("write-256MiB", large, WriteOptions.overwrite());
        } else if (variant.equals("nio-atomic")) {
            Path tmp = root.resolve("write-256MiB.tmp");
            writeLargeNio(tmp);
            Files.move(tmp, root.resolve("write-256MiB"), StandardCopyOption.ATOMIC_MOVE);
        } else {
            writeLargeNio(root.resolve("write-256MiB"));
        }
    }

    @Benchmark
    public long read256MiB() throws IOException {
        long n = variant.equals("store")
                ? BenchEnv.drain(store.read("read-256MiB"))
                : BenchEnv.drain(Files.newInputStream(root.resolve("read-256MiB")));
        BenchEnv.expect(LARGE, n, "read-256MiB");
        return n;
    }

    /** 1,000 files of 16 KiB, each written (replacing) then read back whole. */
    @Benchmark
    public long writeRead16KiBx1000() throws IOException {
        long total = 0;
        boolean viaStore = variant.equals("store");
        boolean atomic = variant.equals("nio-atomic");
        for (int i = 0; i < SMALL_COUNT; i++) {
            String name = "small-" + i;
            if (viaStore) {
                store.write(name, small, WriteOptions.overwrite());
                total += store.readBytes(name).length;
            } else if (atomic) {
                Path file = root.resolve(name);
                Path tmp = root.resolve(name + ".tmp");
                Files.write(tmp, small);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                total += Files.readAllBytes(file).length;
            } else {
                Path file = root.resolve(name);
                Files.write(file, small);
                total += Files.readAllBytes(file).length;
            }
        }
        BenchEnv.expect((long) SMALL * SMALL_COUNT, total, "16KiB x 1000");
        return total;
    }

    private void writeLargeNio(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(large);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
