package dev.remotestore.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Fills a folder with tiny objects for the listing and delete benchmarks, in parallel. */
final class KeyFiller {
    private static final int THREADS = 8;

    private KeyFiller() {
    }

    /** Makes sure {@code folder/00000 .. folder/count-1} exist (PUTs only when the count differs). */
    static void ensure(S3Client s3, String folder, int count) {
        long present = s3.listObjectsV2Paginator(b -> b.bucket(BenchEnv.BUCKET).prefix(folder + "/"))
                .contents().stream().count();
        if (present == count) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += THREADS) {
                        String key = folder + "/" + String.format("%05d", i);
                        s3.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key), RequestBody.fromString("x"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not fill " + folder, e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
