package dev.remotestore.benchmarks;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.RegistryBuilder;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.micrometer.MicrometerObservability;
import dev.remotestore.opentelemetry.OpenTelemetryObservability;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost of observability measured as paired, interleaved rounds in one JVM: each round times
 * the same number of 16 KiB write+read operations with observability off, metrics, and
 * metrics+tracing, in a rotating order, and the ratio of each round is taken against the same
 * round's "off". The median ratio is robust to what a shared machine does between rounds, which
 * separate JMH forks minutes apart are not ({@link ObservabilityBenchmark} gives those figures).
 * One JVM runs all three variants, so the "off" path is not specialised for the absence of
 * listeners as it would be in a JVM that never has any: if anything, this overstates "off".
 *
 * <pre>java -cp benchmarks.jar dev.remotestore.benchmarks.ObservabilityOverhead [--endpoint URL]
 *     [--rounds 30] [--memory-ops 2000] [--s3-ops 100]</pre>
 */
public final class ObservabilityOverhead {
    private static final int SIZE = 16 * 1024;
    private static final String[] VARIANTS = {"off", "metrics", "metrics-tracing"};

    private ObservabilityOverhead() {
    }

    public static void main(String[] args) {
        String endpoint = null;
        int rounds = 30;
        int memoryOps = 2000;
        int s3Ops = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--memory-ops" -> memoryOps = Integer.parseInt(args[++i]);
                case "--s3-ops" -> s3Ops = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("| backend | variant | median µs/op | median ratio to off (paired rounds) | rounds × ops |");
        System.out.println("|---|---|---|---|---|");
        measure("memory", "type = memory", rounds, memoryOps);
        if (endpoint != null) {
            measure("s3", "type = s3, bucket = " + BenchEnv.BUCKET + ", endpoint = \"" + endpoint
                    + "\", path-style = true, credentials { access-key-id = " + BenchEnv.ACCESS_KEY
                    + ", secret-access-key = " + BenchEnv.SECRET_KEY + " }", rounds, s3Ops);
        }
    }

    private static void measure(String backend, String block, int rounds, int ops) {
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()).build();
        List<Registry> registries = new ArrayList<>();
        Store[] stores = new Store[VARIANTS.length];
        byte[] data = BenchEnv.payload(SIZE);
        try {
            for (int v = 0; v < VARIANTS.length; v++) {
                String switches = switch (VARIANTS[v]) {
                    case "off" -> "metrics = off, tracing = off";
                    case "metrics" -> "metrics = on, tracing = off";
                    default -> "metrics = on, tracing = on";
                };
                RegistryBuilder builder = Registry.builder().config(ConfigFactory.parseString(
                        "remote-store { backends { b { " + block + " } }, stores { s { backend = b } }, observability { "
                                + switches + " } }"))
                        .observability(MicrometerObservability.with(new SimpleMeterRegistry()))
                        .observability(OpenTelemetryObservability.with(otel));
                Registry registry = builder.build();
                registries.add(registry);
                stores[v] = registry.getStore("s");
            }
            for (int warm = 0; warm < 3; warm++) { // let the JIT settle on every variant
                for (int v = 0; v < VARIANTS.length; v++) {
                    run(stores[v], VARIANTS[v], data, ops);
                }
            }
            double[][] perOp = new double[VARIANTS.length][rounds];
            double[][] ratio = new double[VARIANTS.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < VARIANTS.length; k++) {
                    int v = (r + k) % VARIANTS.length; // rotate the order: no variant always goes first
                    perOp[v][r] = run(stores[v], VARIANTS[v], data, ops) / 1e3 / ops;
                }
                for (int v = 0; v < VARIANTS.length; v++) {
                    ratio[v][r] = perOp[v][r] / perOp[0][r];
                }
            }
            for (int v = 0; v < VARIANTS.length; v++) {
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %d × %d |%n", backend, VARIANTS[v], median(perOp[v]),
                        v == 0 ? "1 (baseline)" : String.format(Locale.ROOT, "%.3f", median(ratio[v])), rounds, ops);
            }
        } finally {
            registries.forEach(Registry::close);
            otel.close();
        }
    }

    /** Nanoseconds for {@code ops} write+read pairs. */
    private static long run(Store store, String variant, byte[] data, int ops) {
        String key = "obs-overhead-" + variant;
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            store.write(key, data, WriteOptions.overwrite());
            BenchEnv.expect(SIZE, store.readBytes(key).length, "16 KiB");
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
