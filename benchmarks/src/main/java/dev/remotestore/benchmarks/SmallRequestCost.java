package dev.remotestore.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.opendal.Operator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * What one small request costs (issue 18): 16 KiB PUT (replacing) and 16 KiB GET (whole) through
 * the sync SDK as it comes ({@code sdk}, the baseline), OpenDAL's Java binding ({@code opendal}),
 * and our {@code s3} and {@code s3-crt} stores, on loopback S3Proxy and through the shaping proxy.
 * Per variant, link and operation: requests per second (wall time) and CPU-seconds of this
 * process per 1,000 requests ({@link OperatingSystemMXBean#getProcessCpuTime()}, taken around each
 * batch; it includes the JIT, GC and every client thread, and excludes S3Proxy's own process).
 *
 * <p>All variants live in one JVM and run in interleaved rounds, the order rotated each round,
 * so that a busy neighbour on a shared machine disturbs them alike; the figures are medians of
 * the rounds and the ratios are to {@code sdk} in the same run. CPU per request is what the
 * other processes of a shared machine disturb least; ops/s on loopback is bound by the two
 * processes sharing the cores.
 *
 * <pre>java -cp benchmarks.jar dev.remotestore.benchmarks.SmallRequestCost --endpoint URL
 *     [--shaped-endpoint URL] [--rounds 5] [--requests 400] [--shaped-requests 60]
 *     [--variants sdk,opendal,s3,s3-crt] [--ops put,get] [--markdown FILE]</pre>
 *
 * <p>{@code -Drs.bench.hocon.s3=...} adds keys to the {@code s3} store's block (as for the JMH
 * benchmarks), to measure a setting's cost; a variant {@code s3@NAME} is one more {@code s3} store
 * with {@code -Drs.bench.hocon.s3@NAME=...} added, so that settings run side by side.
 */
public final class SmallRequestCost {
    private static final int SIZE = 16 * 1024;
    private static final int KEYS = 100;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SmallRequestCost() {
    }

    /** One way to PUT and GET a small object. */
    private interface Client extends AutoCloseable {
        void put(String key, byte[] data);

        int get(String key);

        @Override
        void close();
    }

    public static void main(String[] args) throws IOException {
        String endpoint = null;
        String shaped = null;
        int rounds = 5;
        int requests = 400;
        int shapedRequests = 60;
        List<String> variants = List.of("sdk", "opendal", "s3", "s3-crt");
        List<String> ops = List.of("put", "get");
        Path markdown = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--shaped-endpoint" -> shaped = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--shaped-requests" -> shapedRequests = Integer.parseInt(args[++i]);
                case "--variants" -> variants = Arrays.asList(args[++i].split(","));
                case "--ops" -> ops = Arrays.asList(args[++i].split(","));
                case "--markdown" -> markdown = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (endpoint == null) {
            throw new IllegalArgumentException("--endpoint is required");
        }
        byte[] data = BenchEnv.payload(SIZE);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Load average at start: %s%n%n", loadAverage()));
        out.append("| link | op | variant | ops/s | × sdk | CPU-s / 1,000 req | sdk CPU ÷ this |\n|---|---|---|---|---|---|---|\n");
        Map<String, URI> links = new LinkedHashMap<>();
        links.put("loopback", URI.create(endpoint));
        if (shaped != null) {
            links.put("shaped", URI.create(shaped));
        }
        for (var link : links.entrySet()) {
            int n = link.getKey().equals("shaped") ? shapedRequests : requests;
            Map<String, Client> clients = new LinkedHashMap<>();
            try {
                for (String v : variants) {
                    clients.put(v, open(v, link.getValue()));
                }
                seed(clients.values().iterator().next(), data);
                for (String op : ops) {
                    Map<String, List<double[]>> samples = measure(clients, op, n, rounds, data);
                    double[] base = samples.containsKey("sdk") ? medians(samples.get("sdk")) : null;
                    for (String v : clients.keySet()) {
                        double[] m = medians(samples.get(v));
                        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %s | %.3f | %s |%n",
                                link.getKey(), op, v, m[0], base == null ? "" : String.format(Locale.ROOT, "%.2f×", m[0] / base[0]),
                                m[1], base == null ? "" : String.format(Locale.ROOT, "%.2f×", base[1] / m[1])));
                    }
                }
            } finally {
                clients.values().forEach(Client::close);
            }
        }
        out.append(String.format(Locale.ROOT, "%nLoad average at end: %s; %d rounds, %d requests per batch on loopback, %d shaped%n",
                loadAverage(), rounds, requests, shapedRequests));
        System.out.print(out);
        if (markdown != null) {
            Files.writeString(markdown, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Per variant, one {ops/s, CPU-s per 1,000} per round; a first round unmeasured (warm-up). */
    private static Map<String, List<double[]>> measure(Map<String, Client> clients, String op, int n, int rounds,
            byte[] data) {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(clients.keySet());
        for (int round = -2; round < rounds; round++) { // two warm-up rounds: the JIT settles
            for (int i = 0; i < order.size(); i++) {
                String v = order.get((i + Math.max(round, 0)) % order.size());
                Client c = clients.get(v);
                long cpu0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                batch(c, op, n, data);
                long wall = System.nanoTime() - t0;
                long cpu = OS.getProcessCpuTime() - cpu0;
                if (round >= 0) {
                    samples.computeIfAbsent(v, k -> new ArrayList<>())
                            .add(new double[] {n / (wall / 1e9), cpu / 1e9 / n * 1000});
                }
            }
        }
        return samples;
    }

    private static void batch(Client c, String op, int n, byte[] data) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            String key = "small-cost/" + (i % KEYS);
            if (op.equals("put")) {
                c.put(key, data);
                total += SIZE;
            } else {
                total += c.get(key);
            }
        }
        BenchEnv.expect((long) SIZE * n, total, "16 KiB x " + n);
    }

    private static void seed(Client c, byte[] data) {
        for (int i = 0; i < KEYS; i++) {
            c.put("small-cost/" + i, data);
        }
    }

    private static double[] medians(List<double[]> rows) {
        double[] m = new double[2];
        for (int k = 0; k < 2; k++) {
            int col = k;
            double[] xs = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[k] = xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
        }
        return m;
    }

    private static Client open(String variant, URI endpoint) {
        if (variant.startsWith("sdk+")) {
            return sdk(endpoint, variant);
        }
        if (variant.startsWith("s3@")) {
            // s3@NAME: one more s3 store with -Drs.bench.hocon.s3@NAME=<keys> added (settings side by side)
            return store("s3", endpoint, System.getProperty("rs.bench.hocon." + variant, ""));
        }
        return switch (variant) {
            case "sdk" -> sdk(endpoint, variant);
            case "opendal" -> openDal(endpoint);
            case "s3", "s3-crt" -> store(variant, endpoint, "");
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
    }

    /**
     * The sync SDK as it comes (Apache HTTP client, default checksums, 100-continue on); with
     * {@code +}-joined options, changed: {@code apache5} / {@code urlconn} (the other HTTP clients),
     * {@code wr} (checksums when required only), {@code nocontinue} (no 100-continue).
     */
    private static Client sdk(URI endpoint, String variant) {
        List<String> opts = Arrays.asList(variant.split("\\+"));
        var builder = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(BenchEnv.ACCESS_KEY, BenchEnv.SECRET_KEY)));
        boolean expect = !opts.contains("nocontinue");
        if (opts.contains("apache5")) {
            builder.httpClientBuilder(Apache5HttpClient.builder().expectContinueEnabled(expect));
        } else if (opts.contains("urlconn")) {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        } else {
            builder.httpClientBuilder(ApacheHttpClient.builder().expectContinueEnabled(expect));
        }
        if (!expect) {
            builder.serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build());
        }
        if (opts.contains("wr")) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        S3Client s3 = builder.build();
        return new Client() {
            @Override
            public void put(String key, byte[] data) {
                s3.putObject(b -> b.bucket(BenchEnv.BUCKET).key(key), RequestBody.fromBytes(data));
            }

            @Override
            public int get(String key) {
                return s3.getObjectAsBytes(b -> b.bucket(BenchEnv.BUCKET).key(key)).asByteArrayUnsafe().length;
            }

            @Override
            public void close() {
                s3.close();
            }
        };
    }

    /** OpenDAL's blocking operator on its {@code s3} service (path-style addressing is its default). */
    private static Client openDal(URI endpoint) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("bucket", BenchEnv.BUCKET);
        conf.put("endpoint", endpoint.toString());
        conf.put("region", "us-east-1");
        conf.put("access_key_id", BenchEnv.ACCESS_KEY);
        conf.put("secret_access_key", BenchEnv.SECRET_KEY);
        conf.put("disable_config_load", "true");
        conf.put("disable_ec2_metadata", "true");
        Operator op = Operator.of("s3", conf);
        return new Client() {
            @Override
            public void put(String key, byte[] data) {
                op.write(key, data);
            }

            @Override
            public int get(String key) {
                return op.read(key).length;
            }

            @Override
            public void close() {
                op.close();
            }
        };
    }

    /** Our store of {@code type} with its defaults, used as an application holding bytes uses it. */
    private static Client store(String type, URI endpoint, String extra) {
        Registry registry = BenchEnv.s3Registry(type, endpoint, extra);
        Store store = BenchEnv.store(registry);
        return new Client() {
            @Override
            public void put(String key, byte[] data) {
                store.write(key, data, WriteOptions.overwrite());
            }

            @Override
            public int get(String key) {
                return store.readBytes(key).length;
            }

            @Override
            public void close() {
                registry.close();
            }
        };
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", OS.getSystemLoadAverage());
        }
    }
}
