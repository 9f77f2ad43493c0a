package dev.remotestore.benchmarks;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Random;

/**
 * What every benchmark shares: where S3Proxy and the shaping proxy listen (system properties set
 * by {@link RunBenchmarks}), the bucket and keys run.sh gave S3Proxy, stores built through the
 * {@link Registry} exactly as a user builds them, payloads and draining.
 */
final class BenchEnv {
    static final String BUCKET = "bench";
    static final String ACCESS_KEY = "rs-bench-access-key";
    static final String SECRET_KEY = "rs-bench-secret-key";
    static final String ENDPOINT_PROPERTY = "rs.bench.endpoint";
    static final String SHAPED_ENDPOINT_PROPERTY = "rs.bench.shaped-endpoint";
    static final String LOCAL_DIR_PROPERTY = "rs.bench.local-dir";
    static final int MiB = 1024 * 1024;

    private BenchEnv() {
    }

    /** S3Proxy directly ({@code loopback}) or through the shaping proxy ({@code shaped}). */
    static URI endpoint(String link) {
        String property = switch (link) {
            case "loopback" -> ENDPOINT_PROPERTY;
            case "shaped" -> SHAPED_ENDPOINT_PROPERTY;
            default -> throw new IllegalArgumentException("unknown link " + link);
        };
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: run the benchmarks through benchmarks/run.sh");
        }
        return URI.create(value);
    }

    /**
     * A registry with one store {@code bench} on the bucket, of {@code type} {@code s3} or
     * {@code s3-crt}; {@code extra} is HOCON added to the backend block (multipart settings, say).
     * The CRT path drops {@code Expect: 100-continue}, which S3Proxy's Jetty mishandles on
     * CreateMultipartUpload (shared/TESTING.md).
     */
    static Registry s3Registry(String variant, URI endpoint, String extra) {
        // sdk-default: PERFORMANCE.md's baseline, the sync S3Client as it comes: every write one
        // PutObject (no multipart), each waiting for 100 Continue before its body
        String type = variant.equals("sdk-default") ? "s3" : variant;
        String crt = variant.equals("sdk-default") ? "expect-continue = true, multipart.threshold = 5GiB\n"
                : type.equals("s3-crt") ? "crt { drop-expect-continue = true }\n" : "";
        // for tuning runs: more keys for the backend block, e.g. -Drs.bench.hocon.s3-crt=crt.part-size=16MiB
        crt += System.getProperty("rs.bench.hocon." + variant, "");
        String hocon = """
                remote-store {
                  backends {
                    bench {
                      type = %s
                      bucket = %s
                      endpoint = "%s"
                      path-style = true
                      credentials { access-key-id = %s, secret-access-key = %s }
                      %s
                      %s
                    }
                  }
                  stores { bench { backend = bench } }
                  # the observability modules are on this class path (ObservabilityBenchmark):
                  # the other benchmarks measure the store without them
                  observability { metrics = off, tracing = off }
                }
                """.formatted(type, BUCKET, endpoint, ACCESS_KEY, SECRET_KEY, crt, extra);
        return Registry.fromHocon(hocon);
    }

    static Store store(Registry registry) {
        return registry.getStore("bench");
    }

    /** Writes {@code data} at {@code key} unless a file is there already (the benchmarks share a bucket). */
    static void seed(Store store, String key, byte[] data) {
        if (!store.isFile(key)) {
            store.write(key, data, WriteOptions.overwrite());
        }
    }

    /** Incompressible, reproducible bytes. */
    static byte[] payload(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** Reads the stream to its end through a 1 MiB buffer; returns the byte count. */
    static long drain(InputStream in) {
        byte[] buffer = new byte[MiB];
        long total = 0;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    static void expect(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " bytes, got " + actual);
        }
    }
}
