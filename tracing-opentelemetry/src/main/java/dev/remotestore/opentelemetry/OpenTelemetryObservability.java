package dev.remotestore.opentelemetry;

import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.observability.OperationListener;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An OpenTelemetry span for every store operation (feature {@value ListenerProvider#TRACING},
 * switched by {@code remote-store.observability.tracing}). On the class path it is found by the
 * registry and uses {@link GlobalOpenTelemetry}; give {@link #with(OpenTelemetry)} to
 * {@code Registry.builder().observability(...)} to use an instance of your own.
 *
 * <p>Each span is a child of the caller's current span, named {@code <operation> <store>}
 * (e.g. {@code read data}), of kind {@code INTERNAL}, with the attributes named in
 * {@link SpanAttributes}. The path is recorded only with {@code record-paths = true}; so are
 * exception events (their messages name the path). While the backend call runs, the span is the
 * current context of the calling thread, so spans an instrumented SDK starts for its HTTP
 * requests nest under it. Streams, channels and listings end their span when closed.
 */
public final class OpenTelemetryObservability implements ListenerProvider {
    private final Supplier<OpenTelemetry> openTelemetry;

    /** For {@link java.util.ServiceLoader}: uses {@link GlobalOpenTelemetry}, looked up when a registry is built. */
    public OpenTelemetryObservability() {
        this.openTelemetry = GlobalOpenTelemetry::get;
    }

    private OpenTelemetryObservability(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry is null");
        this.openTelemetry = () -> openTelemetry;
    }

    /** Spans recorded through {@code openTelemetry}. */
    public static OpenTelemetryObservability with(OpenTelemetry openTelemetry) {
        return new OpenTelemetryObservability(openTelemetry);
    }

    @Override
    public String feature() {
        return TRACING;
    }

    @Override
    public OperationListener create(ObservabilitySettings settings) {
        return new SpanListener(openTelemetry.get().getTracer(SpanAttributes.INSTRUMENTATION_SCOPE), settings.recordPaths());
    }
}
