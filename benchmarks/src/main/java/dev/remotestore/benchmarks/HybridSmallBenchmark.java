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
 * What the hybrid costs or buys on small objects (4 KiB to 1 MiB): one PUT, or one whole GET, per
 * operation, through a store over {@code s3-crt} and one over {@code s3}, on loopback and shaped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class HybridSmallBenchmark {
    /** {@code sdk-default}: an s3 store set up as the sync SDK behaves out of the box (see BenchEnv). */
    @Param({"s3", "s3-crt", "sdk-default"})
    public String variant;

    @Param({"loopback", "shaped"})
    public String link;

    @Param({"4096", "65536", "1048576"})
    public int size;

    private Registry registry;
    private Store store;
    private byte[] data;
    private String putKey;
    private String getKey;

    @Setup(Level.Trial)
    public void setUp() {
        registry = BenchEnv.s3Registry(variant, BenchEnv.endpoint(link), "");
        store = BenchEnv.store(registry);
        data = BenchEnv.payload(size);
        putKey = "hybrid-small/put-" + variant + "-" + link + "-" + size;
        getKey = "hybrid-small/get-" + size;
        store.write(getKey, data, WriteOptions.overwrite());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public void put() {
        store.write(putKey, data, WriteOptions.overwrite());
    }

    @Benchmark
    public int get() {
        int n = store.readBytes(getKey).length;
        BenchEnv.expect(size, n, "get");
        return n;
    }
}
