package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 256 MiB read to a stream on the shaped link, beside {@link StreamingWriteBenchmark} (issue 18's
 * "keep" rows): {@code sdk} the sync S3Client's GetObject stream (1.0×), {@code crt} the CRT
 * client's GET as a blocking stream, and the {@code s3} / {@code s3-crt} stores' {@code read},
 * each drained through a 1 MiB buffer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class StreamingReadBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;
    private static final String KEY = "get-256MiB";

    @Param({"sdk", "crt", "s3", "s3-crt"})
    public String variant;

    private CpuMeter cpu;
    private Registry registry;
    private Store store;
    private S3Client sync;
    private S3AsyncClient crt;

    @Setup(Level.Trial)
    public void setUp() {
        var endpoint = BenchEnv.endpoint("shaped");
        cpu = new CpuMeter(endpoint.toString());
        // seeded on loopback through an s3 store, as the other benchmarks seed it
        try (Registry seeding = BenchEnv.s3Registry("s3", BenchEnv.endpoint("loopback"), "")) {
            BenchEnv.seed(BenchEnv.store(seeding), KEY, BenchEnv.payload(LARGE));
        }
        switch (variant) {
            case "sdk" -> sync = Peers.syncClient(endpoint);
            case "crt" -> crt = Peers.crtClient(endpoint);
            default -> {
                registry = BenchEnv.s3Registry(variant, endpoint, "");
                store = BenchEnv.store(registry);
            }
        }
    }

    @Setup(Level.Iteration)
    public void startCpu() {
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void stopCpu(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) { // warm-up is JIT time, not the transfer's
            cpu.stop();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println(cpu.report("get 256 MiB, " + variant));
        if (crt != null) {
            crt.close();
        }
        if (sync != null) {
            sync.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Benchmark
    public long get256MiBStream() {
        long n = switch (variant) {
            case "sdk" -> BenchEnv.drain(sync.getObject(b -> b.bucket(BenchEnv.BUCKET).key(KEY)));
            case "crt" -> BenchEnv.drain(crt.getObject(b -> b.bucket(BenchEnv.BUCKET).key(KEY)
                    .overrideConfiguration(Peers.CRT_REQUEST), AsyncResponseTransformer.toBlockingInputStream()).join());
            default -> BenchEnv.drain(store.read(KEY));
        };
        BenchEnv.expect(LARGE, n, KEY);
        return n;
    }
}
