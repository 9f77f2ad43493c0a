package dev.remotestore.micrometer;

import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.observability.OperationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Objects;
import java.util.Optional;

/**
 * Micrometer metrics for every store operation (feature {@value ListenerProvider#METRICS},
 * switched by {@code remote-store.observability.metrics}). On the class path it is found by the
 * registry and records into {@link Metrics#globalRegistry}; give {@link #with(MeterRegistry)} to
 * {@code Registry.builder().observability(...)} to record into a registry of your own.
 *
 * <p>Meters (tags never carry a path, so their number stays bounded):
 * <ul>
 *   <li>{@value MeterNames#OPERATION} (timer): tags {@code store}, {@code backend},
 *       {@code operation} (e.g. {@code read}, {@code get_file_info}) and {@code outcome}
 *       ({@code success}, {@code aborted}, or the error type, e.g. {@code NotFoundException});
 *       streams, channels and listings are timed until they are closed;</li>
 *   <li>{@value MeterNames#BYTES} (counter, bytes): tags {@code store}, {@code backend},
 *       {@code direction} ({@code read} or {@code write});</li>
 *   <li>{@value MeterNames#ACTIVE} (gauge): operations started and not yet ended, tags
 *       {@code store}, {@code backend}.</li>
 * </ul>
 *
 * <p>Backends built on the AWS SDK ({@code s3}, and {@code s3-crt}'s standard client) also get an
 * {@link AwsSdkMetricPublisher} into the same registry through {@link #component} (ADR 0032).
 */
public final class MicrometerObservability implements ListenerProvider {
    private final MeterRegistry registry;

    /** For {@link java.util.ServiceLoader}: records into {@link Metrics#globalRegistry}. */
    public MicrometerObservability() {
        this(Metrics.globalRegistry);
    }

    private MicrometerObservability(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** Metrics recorded into {@code registry}. */
    public static MicrometerObservability with(MeterRegistry registry) {
        return new MicrometerObservability(registry);
    }

    @Override
    public String feature() {
        return METRICS;
    }

    @Override
    public OperationListener create(ObservabilitySettings settings) {
        return new MeterListener(registry);
    }

    /**
     * For the AWS SDK's {@code MetricPublisher}: an {@link AwsSdkMetricPublisher} into this
     * registry. The type is compared by name so that this class loads without the SDK.
     */
    @Override
    public <T> Optional<T> component(Class<T> type) {
        if (SDK_PUBLISHER.equals(type.getName())) {
            return Optional.of(type.cast(AwsSdkMetricPublisher.of(registry)));
        }
        return Optional.empty();
    }

    private static final String SDK_PUBLISHER = "software.amazon.awssdk.metrics.MetricPublisher";

    @Override
    public String toString() {
        return "MicrometerObservability{" + registry.getClass().getSimpleName() + '}';
    }
}
