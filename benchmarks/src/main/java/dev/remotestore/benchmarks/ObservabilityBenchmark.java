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
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
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
 * What observability costs (issue 15): one 16 KiB write (replacing) and a whole read of it, per
 * operation, on {@code memory} and on {@code s3} over loopback S3Proxy, with observability
 * {@code off} (the baseline: no listener, so the store's interception point is a null check),
 * {@code metrics} (Micrometer, a {@link SimpleMeterRegistry}) and {@code metrics-tracing} (plus
 * an OpenTelemetry SDK that samples every span and hands each, as it ends, to an exporter that
 * drops it: the cost measured is the spans', not an exporter's I/O. A batch processor would drop
 * spans itself at this rate, its queue full, and so measure less than every span.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class ObservabilityBenchmark {
    private static final int SIZE = 16 * 1024;

    @Param({"memory", "s3"})
    public String backend;

    @Param({"off", "metrics", "metrics-tracing"})
    public String variant;

    private Registry registry;
    private OpenTelemetrySdk otel;
    private Store store;
    private byte[] data;

    @Setup(Level.Trial)
    public void setUp() {
        String block = backend.equals("memory") ? "type = memory"
                : "type = s3, bucket = " + BenchEnv.BUCKET + ", endpoint = \"" + BenchEnv.endpoint("loopback")
                        + "\", path-style = true, credentials { access-key-id = " + BenchEnv.ACCESS_KEY
                        + ", secret-access-key = " + BenchEnv.SECRET_KEY + " }";
        String switches = switch (variant) {
            case "off" -> "metrics = off, tracing = off";
            case "metrics" -> "metrics = on, tracing = off";
            case "metrics-tracing" -> "metrics = on, tracing = on";
            default -> throw new IllegalArgumentException(variant);
        };
        String hocon = "remote-store { backends { bench { " + block + " } }, stores { bench { backend = bench } },"
                + " observability { " + switches + " } }";
        RegistryBuilder builder = Registry.builder().config(ConfigFactory.parseString(hocon))
                .observability(MicrometerObservability.with(new SimpleMeterRegistry()));
        if (variant.equals("metrics-tracing")) {
            otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new DroppingExporter())).build()).build();
            builder.observability(OpenTelemetryObservability.with(otel));
        }
        registry = builder.build();
        store = registry.getStore("bench");
        data = BenchEnv.payload(SIZE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
        if (otel != null) {
            otel.close();
        }
    }

    @Benchmark
    public int writeRead16KiB() {
        String key = "obs-" + variant + "/f";
        store.write(key, data, WriteOptions.overwrite());
        byte[] back = store.readBytes(key);
        BenchEnv.expect(SIZE, back.length, "16 KiB");
        return back.length;
    }

    /** Accepts spans and forgets them. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
