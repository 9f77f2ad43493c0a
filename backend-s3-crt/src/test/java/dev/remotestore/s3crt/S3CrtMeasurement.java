package dev.remotestore.s3crt;

import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3.S3ProxyServer;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Quick measurements on loopback, printed, not asserted (excluded from the default run):
 * small-object PUT and GET latency through the standard client and the CRT client, and 256 MiB
 * PUT/GET throughput of an {@code s3} store against an {@code s3-crt} store. Run with
 * {@code ./mvnw -q -B -Drs.build.dir=target-crt -f backend-s3-crt/pom.xml test -Dtest=S3CrtMeasurement
 * -Drs.skipLargeRead=true -P '!temurin-25' -Dsurefire.failIfNoSpecifiedTests=false}.
 * S3Proxy runs in the same JVM (filesystem provider, temp dir), so absolute figures include its
 * work; compare the columns, not the numbers across machines.
 */
class S3CrtMeasurement {
    static final int[] SIZES = {4 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024};
    static final int WARMUP = 30;
    static final int ROUNDS = 150;

    @Test
    void smallObjectLatency() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                CrtTestStores.OpenStore open = CrtTestStores.on(server).rootPath("m").open()) {
            S3Client standard = open.store().unwrap(S3Client.class);
            S3AsyncClient crt = open.store().unwrap(S3AsyncClient.class);
            String bucket = server.bucket();
            System.out.println("| size | std PUT p50 ms | CRT PUT p50 ms | std GET p50 ms | CRT GET p50 ms |");
            System.out.println("|---|---|---|---|---|");
            for (int size : SIZES) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                String k1 = "m/std-" + size;
                String k2 = "m/crt-" + size;
                double[] sp = new double[ROUNDS];
                double[] cp = new double[ROUNDS];
                double[] sg = new double[ROUNDS];
                double[] cg = new double[ROUNDS];
                for (int i = -WARMUP; i < ROUNDS; i++) {
                    // interleaved, so drift hits both clients alike
                    long t = System.nanoTime();
                    standard.putObject(b -> b.bucket(bucket).key(k1), RequestBody.fromBytes(data));
                    long a = System.nanoTime();
                    crt.putObject(b -> b.bucket(bucket).key(k2), AsyncRequestBody.fromBytes(data)).join();
                    long c = System.nanoTime();
                    standard.getObjectAsBytes(b -> b.bucket(bucket).key(k1)).asByteArray();
                    long d = System.nanoTime();
                    crt.getObject(b -> b.bucket(bucket).key(k2), AsyncResponseTransformer.toBytes()).join().asByteArray();
                    long e = System.nanoTime();
                    if (i >= 0) {
                        sp[i] = (a - t) / 1e6;
                        cp[i] = (c - a) / 1e6;
                        sg[i] = (d - c) / 1e6;
                        cg[i] = (e - d) / 1e6;
                    }
                }
                System.out.printf("| %d KiB | %.2f | %.2f | %.2f | %.2f |%n", size / 1024, p50(sp), p50(cp), p50(sg), p50(cg));
            }
        }
    }

    @Test
    void largeObjectThroughputOfS3AndS3CrtStores() throws Exception {
        int size = 256 * 1024 * 1024;
        byte[] data = new byte[size];
        new Random(256).nextBytes(data);
        try (S3ProxyServer server = S3ProxyServer.startOnFilesystem();
                CrtTestStores.OpenStore s3 = CrtTestStores.on(server).type("s3").rootPath("s3").open();
                CrtTestStores.OpenStore crt = CrtTestStores.on(server).rootPath("crt").open()) {
            System.out.println("| run | s3 PUT MiB/s | s3-crt PUT MiB/s | s3 GET MiB/s | s3-crt GET MiB/s |");
            System.out.println("|---|---|---|---|---|");
            for (int run = 0; run < 4; run++) {
                double sPut = put(s3.store(), data);
                double cPut = put(crt.store(), data);
                double sGet = get(s3.store(), size);
                double cGet = get(crt.store(), size);
                System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f |%n", run == 0 ? "warm-up" : String.valueOf(run), sPut, cPut, sGet, cGet);
            }
        }
    }

    private static double put(Store store, byte[] data) {
        long t = System.nanoTime();
        store.write("big.bin", data, WriteOptions.overwrite());
        return data.length / 1048576.0 / ((System.nanoTime() - t) / 1e9);
    }

    private static double get(Store store, int size) throws Exception {
        long t = System.nanoTime();
        long total = 0;
        try (InputStream in = store.read("big.bin")) {
            byte[] buf = new byte[1024 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        }
        if (total != size) {
            throw new IllegalStateException("read " + total + " of " + size);
        }
        return size / 1048576.0 / ((System.nanoTime() - t) / 1e9);
    }

    private static double p50(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
