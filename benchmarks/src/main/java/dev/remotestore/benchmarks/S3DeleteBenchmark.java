package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deleting a folder of 10,000 keys on loopback S3Proxy: the store's recursive folder delete
 * against the raw client listing pages and sending one DeleteObjects per page of 1,000. Each
 * iteration first fills a fresh folder (not timed), which is why it has few iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class S3DeleteBenchmark {
    private static final int KEY_COUNT = 10_000;

    @Param({"raw", "store"})
    public String variant;

    private Registry registry;
    private Store store;
    private S3Client s3;
    private String folder;
    private int round;

    @Setup(Level.Trial)
    public void setUp() {
        registry = BenchEnv.s3Registry("s3", BenchEnv.endpoint("loopback"), "");
        store = BenchEnv.store(registry);
        s3 = store.unwrap(S3Client.class);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Setup(Level.Iteration)
    public void fillFolder() {
        folder = "delete-10000-" + variant + "-" + (++round) + "-" + System.nanoTime();
        KeyFiller.ensure(s3, folder, KEY_COUNT);
    }

    @Benchmark
    public long delete10000() {
        long n;
        if (variant.equals("store")) {
            n = store.deleteFolder(folder, true);
        } else {
            n = 0;
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(BenchEnv.BUCKET).prefix(folder + "/"))) {
                List<ObjectIdentifier> ids = new ArrayList<>(page.contents().size());
                for (S3Object o : page.contents()) {
                    ids.add(ObjectIdentifier.builder().key(o.key()).build());
                }
                if (!ids.isEmpty()) {
                    s3.deleteObjects(b -> b.bucket(BenchEnv.BUCKET).delete(d -> d.objects(ids).quiet(true)));
                    n += ids.size();
                }
            }
        }
        BenchEnv.expect(KEY_COUNT, n, "deleted keys");
        return n;
    }
}
