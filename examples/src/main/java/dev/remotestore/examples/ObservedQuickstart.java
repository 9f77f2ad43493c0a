package dev.remotestore.examples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.micrometer.MicrometerObservability;
import dev.remotestore.opentelemetry.OpenTelemetryObservability;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;

/**
 * The {@link Quickstart} with observability: metrics into a Prometheus registry (printed in
 * Prometheus text format at the end), a span per store operation logged as it ends (all children
 * of one application span), and one DEBUG line per operation on {@code dev.remotestore.ops}.
 * Runs on the {@code local} backend of {@code application.conf}: no server, no setup.
 *
 * <pre>./mvnw -pl examples exec:java -Dexample=dev.remotestore.examples.ObservedQuickstart</pre>
 */
public final class ObservedQuickstart {
    private ObservedQuickstart() {
    }

    public static void main(String[] args) {
        Config config = ConfigFactory.parseString("remote-store.observability.log-operations = on")
                .withFallback(ConfigFactory.load());
        String prometheus = run(config, LoggingSpanExporter.create(), System.out);
        System.out.println("---- metrics, Prometheus text format ----");
        System.out.print(prometheus);
    }

    /**
     * Runs the quickstart on the store {@code data} of {@code config}, spans going to
     * {@code spans}; returns the metrics in Prometheus text format.
     */
    public static String run(Config config, SpanExporter spans, PrintStream out) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        try {
            Span job = otel.getTracer("observed-quickstart").spanBuilder("quickstart").startSpan();
            try (Registry registry = Registry.builder().config(config)
                    .observability(MicrometerObservability.with(meters))
                    .observability(OpenTelemetryObservability.with(otel))
                    .build();
                    Scope ignored = job.makeCurrent()) {
                Quickstart.run(registry.getStore("data"), out);
            } finally {
                job.end();
            }
            return meters.scrape();
        } finally {
            otel.close();
            meters.close();
        }
    }
}
