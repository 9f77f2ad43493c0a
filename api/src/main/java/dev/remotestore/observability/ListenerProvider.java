package dev.remotestore.observability;

/**
 * Makes the {@link OperationListener} of an optional observability module. A registry finds
 * providers with {@link java.util.ServiceLoader} (a module on the class path is used with its
 * defaults: Micrometer's global registry, the global OpenTelemetry), or takes one given to
 * {@link dev.remotestore.RegistryBuilder#observability}, which replaces the discovered provider
 * of the same {@link #feature()}. The {@code remote-store.observability} switches apply to both.
 */
public interface ListenerProvider {
    /** The feature of metrics modules, switched by {@code remote-store.observability.metrics}. */
    String METRICS = "metrics";
    /** The feature of tracing modules, switched by {@code remote-store.observability.tracing}. */
    String TRACING = "tracing";

    /** {@link #METRICS}, {@link #TRACING}, or a name of the provider's own (always on). */
    String feature();

    /** The listener, made once per registry. */
    OperationListener create(ObservabilitySettings settings);

    /**
     * An object of {@code type} this module offers the clients backends build, asked only while
     * its feature is switched on: e.g. a metrics module answers the AWS SDK's
     * {@code software.amazon.awssdk.metrics.MetricPublisher}. Backends find it through
     * {@link dev.remotestore.spi.BackendSettings#components}. Empty by default; must not throw
     * when {@code type} is unknown to the module.
     */
    default <T> java.util.Optional<T> component(Class<T> type) {
        return java.util.Optional.empty();
    }
}
