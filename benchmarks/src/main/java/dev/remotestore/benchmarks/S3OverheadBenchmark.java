package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3} against the raw {@link S3Client} it wraps, on loopback S3Proxy. Both variants use
 * the very same client (the store's, through {@code unwrap}), so the ratio is the cost of the
 * Store and backend layers alone. The multipart threshold is raised to 1 GiB so that the store,
 * like the raw call, sends a 256 MiB body as one PutObject; what multipart buys is measured in
 * {@link HybridLargeBenchmark}; deleting 10,000 keys in {@link S3DeleteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
public class S3OverheadBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;
    private static final int SMALL = 16 * 1024;
    private static final int SMALL_COUNT = 1_000;
    private static final int KEY_COUNT = 10_000;
    private static final String LIST_FOLDER = "list-10000";

    @Param({"raw", "store"})
    public String variant;

    private Registry registry;
    private Store store;
    private S3Client s3;
    private byte[] large;
    private byte[] small;

    @Setup(Level.Trial)
    public void setUp() {
        registry = BenchEnv.s3Registry("s3", BenchEnv.endpoint("loopback"), "multipart { threshold = 1GiB }");
        store = BenchEnv.store(registry);
        s3 = store.unwrap(S3Client.class);
        large = BenchEnv.payload(LARGE);
        small = BenchEnv.payload(SMALL);
        if (!store.isFile("get-256MiB")) {
            store.write("get-256MiB", large, WriteOptions.overwrite());
        }
    }

    /** The 10,000 keys to list, made once per run (only the listing benchmark asks for them). */
    @State(Scope.Benchmark)
    public static class ListFolder {
        @Setup(Level.Trial)
        public void fill(S3OverheadBenchmark bench) {
            KeyFiller.ensure(bench.s3, LIST_FOLDER, KEY_COUNT);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public void put256MiB() {
        String key = "put-256MiB-" + variant;
        if (variant.equals("store")) {
            store.write(key, large, WriteOptions.overwrite());
        } else {
            s3.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key), RequestBody.fromBytes(large));
        }
    }

    @Benchmark
    public long get256MiB() {
        long n = variant.equals("store")
                ? BenchEnv.drain(store.read("get-256MiB"))
                : BenchEnv.drain(s3.getObject(b -> b.bucket(BenchEnv.BUCKET).key("get-256MiB")));
        BenchEnv.expect(LARGE, n, "get-256MiB");
        return n;
    }

    /** 1,000 objects of 16 KiB, each PUT (replacing) then GET whole. */
    @Benchmark
    @Warmup(iterations = 3) // 1,000 round trips: the JIT needs more than one pass to settle
    @Measurement(iterations = 6)
    public long putGet16KiBx1000() {
        long total = 0;
        boolean viaStore = variant.equals("store");
        for (int i = 0; i < SMALL_COUNT; i++) {
            String key = "small-" + variant + "/" + i;
            if (viaStore) {
                store.write(key, small, WriteOptions.overwrite());
                total += store.readBytes(key).length;
            } else {
                s3.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key), RequestBody.fromBytes(small));
                total += s3.getObjectAsBytes(b -> b.bucket(BenchEnv.BUCKET).key(key)).asByteArrayUnsafe().length;
            }
        }
        BenchEnv.expect((long) SMALL * SMALL_COUNT, total, "16KiB x 1000");
        return total;
    }

    /** Lists the 10,000 keys of one folder (10 pages of 1,000). */
    @Benchmark
    public long list10000(ListFolder folder) {
        long n;
        if (variant.equals("store")) {
            try (var files = store.listFiles(LIST_FOLDER)) {
                n = files.count();
            }
        } else {
            n = s3.listObjectsV2Paginator(b -> b.bucket(BenchEnv.BUCKET).prefix(LIST_FOLDER + "/").delimiter("/"))
                    .contents().stream().count();
        }
        BenchEnv.expect(KEY_COUNT, n, "listed keys");
        return n;
    }
}
