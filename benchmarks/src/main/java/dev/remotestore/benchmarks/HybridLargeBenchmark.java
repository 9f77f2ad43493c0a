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

/**
 * What the hybrid buys on large objects: a store over {@code s3-crt} against one over {@code s3},
 * both with their default settings (s3: multipart above 16 MiB, 8 MiB parts, 4 in flight, one
 * GET; s3-crt: the CRT's parallel parts and ranged GETs), straight to S3Proxy ({@code loopback})
 * and through the {@link ShapingProxy} ({@code shaped}: 10 ms each way, 40 MiB/s per connection).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class HybridLargeBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;

    /** {@code sdk-default}: an s3 store set up as the sync SDK behaves out of the box (see BenchEnv). */
    @Param({"s3", "s3-crt", "sdk-default"})
    public String variant;

    @Param({"loopback", "shaped"})
    public String link;

    private Registry registry;
    private Store store;
    private byte[] large;

    @Setup(Level.Trial)
    public void setUp() {
        registry = BenchEnv.s3Registry(variant, BenchEnv.endpoint(link), "");
        store = BenchEnv.store(registry);
        large = BenchEnv.payload(LARGE);
        BenchEnv.seed(store, "get-256MiB", large);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public void put256MiB() {
        store.write("hybrid-put-256MiB-" + variant, large, WriteOptions.overwrite());
    }

    @Benchmark
    public long get256MiB() {
        long n = BenchEnv.drain(store.read("get-256MiB"));
        BenchEnv.expect(LARGE, n, "get-256MiB");
        return n;
    }
}
