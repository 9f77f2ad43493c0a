package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
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
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * 256 MiB written from a stream on the shaped link (issue 18), every peer and our stores in one
 * run: {@code sdk} the sync S3Client's PutObject from the stream (the 1.0× baseline), {@code crt}
 * the CRT client's PutObject from a blocking stream of known length, {@code crt-unknown} the same
 * with the length unknown (what a store's stream is: the CRT's own parts, buffered natively),
 * {@code tm} S3TransferManager's upload of the stream, and the {@code s3} / {@code s3-crt} stores
 * used as an application holding a stream uses them: {@code openOutputStream}, copy in 64 KiB
 * writes, commit. Store settings are the defaults.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class StreamingWriteBenchmark {
    private static final int LARGE = 256 * BenchEnv.MiB;
    private static final int COPY_BUFFER = 64 * 1024;

    @Param({"sdk", "crt", "crt-unknown", "tm", "s3", "s3-crt"})
    public String variant;

    private CpuMeter cpu;
    private Registry registry;
    private Store store;
    private S3Client sync;
    private S3AsyncClient crt;
    private S3TransferManager tm;
    private byte[] large;

    @Setup(Level.Trial)
    public void setUp() {
        var endpoint = BenchEnv.endpoint("shaped");
        cpu = new CpuMeter(endpoint.toString());
        switch (variant) {
            case "sdk" -> sync = Peers.syncClient(endpoint);
            case "crt", "crt-unknown" -> crt = Peers.crtClient(endpoint);
            case "tm" -> {
                crt = Peers.crtClient(endpoint);
                tm = Peers.transferManager(crt);
            }
            default -> {
                registry = BenchEnv.s3Registry(variant, endpoint, "");
                store = BenchEnv.store(registry);
            }
        }
        large = BenchEnv.payload(LARGE);
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
        System.out.println(cpu.report("put 256 MiB, " + variant));
        if (tm != null) {
            tm.close();
        }
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
    public void put256MiBStream() throws IOException {
        String key = "stream-put-256MiB-" + variant;
        InputStream in = new ByteArrayInputStream(large);
        switch (variant) {
            case "sdk" -> sync.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key), RequestBody.fromInputStream(in, LARGE));
            case "crt", "crt-unknown" -> {
                BlockingInputStreamAsyncRequestBody body =
                        AsyncRequestBody.forBlockingInputStream(variant.equals("crt") ? (long) LARGE : null);
                CompletableFuture<?> done = crt.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key)
                        .overrideConfiguration(Peers.CRT_REQUEST), body);
                body.writeInputStream(in);
                done.join();
            }
            case "tm" -> {
                BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream((long) LARGE);
                var upload = tm.upload(u -> u.requestBody(body).putObjectRequest(b -> b.bucket(BenchEnv.BUCKET).key(key)
                        .overrideConfiguration(Peers.CRT_REQUEST)));
                body.writeInputStream(in);
                upload.completionFuture().join();
            }
            default -> {
                try (StoreOutputStream out = store.openOutputStream(key, WriteOptions.overwrite())) {
                    copy(in, out);
                    out.commit();
                }
            }
        }
    }

    static void copy(InputStream in, StoreOutputStream out) {
        byte[] buffer = new byte[COPY_BUFFER];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
