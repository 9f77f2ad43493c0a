package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3crt.DropExpectContinue;
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
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * {@code s3-crt} against the raw CRT {@link S3AsyncClient} it wraps (the store's own, through
 * {@code unwrap}), on loopback S3Proxy: one 256 MiB PutObject from a byte array, and one GET
 * read as a blocking stream. Needs backend-s3-crt on the class path; {@link RunBenchmarks}
 * leaves this class out otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CrtOverheadBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;

    @Param({"raw", "store"})
    public String variant;

    private Registry registry;
    private Store store;
    private S3AsyncClient crt;
    private byte[] large;

    @Setup(Level.Trial)
    public void setUp() {
        registry = BenchEnv.s3Registry("s3-crt", BenchEnv.endpoint("loopback"), "");
        store = BenchEnv.store(registry);
        crt = store.unwrap(S3AsyncClient.class);
        large = BenchEnv.payload(LARGE);
        BenchEnv.seed(store, "get-256MiB", large);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public void put256MiB() {
        String key = "crt-put-256MiB-" + variant;
        if (variant.equals("store")) {
            store.write(key, large, WriteOptions.overwrite());
        } else {
            crt.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key)
                            .overrideConfiguration(o -> o.addPlugin(DropExpectContinue.PLUGIN)),
                    AsyncRequestBody.fromBytesUnsafe(large)).join();
        }
    }

    @Benchmark
    public long get256MiB() {
        long n = variant.equals("store")
                ? BenchEnv.drain(store.read("get-256MiB"))
                : BenchEnv.drain(crt.getObject(b -> b.bucket(BenchEnv.BUCKET).key("get-256MiB")
                                .overrideConfiguration(o -> o.addPlugin(DropExpectContinue.PLUGIN)),
                        AsyncResponseTransformer.toBlockingInputStream()).join());
        BenchEnv.expect(LARGE, n, "get-256MiB");
        return n;
    }
}
