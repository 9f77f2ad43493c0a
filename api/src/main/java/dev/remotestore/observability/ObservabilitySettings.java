package dev.remotestore.observability;

/**
 * The {@code remote-store.observability} block: which of the optional features are on.
 *
 * <pre>{@code
 * remote-store.observability {
 *   metrics = on          # remote-store-micrometer, if on the class path
 *   tracing = on          # remote-store-opentelemetry, if on the class path
 *   log-operations = off  # one DEBUG line per operation on logger dev.remotestore.ops
 *   record-paths = false  # paths as span attributes (paths may be personal data)
 * }
 * }</pre>
 *
 * @param metrics whether {@link ListenerProvider}s of feature {@value ListenerProvider#METRICS} run
 * @param tracing whether {@link ListenerProvider}s of feature {@value ListenerProvider#TRACING} run
 * @param logOperations whether each operation is logged at DEBUG on {@code dev.remotestore.ops}
 * @param recordPaths whether traces carry the path of each operation
 */
public record ObservabilitySettings(boolean metrics, boolean tracing, boolean logOperations, boolean recordPaths) {

    /** The defaults: metrics and tracing on (when their module is present), no logs, no paths. */
    public static ObservabilitySettings defaults() {
        return new ObservabilitySettings(true, true, false, false);
    }

    /** Whether the feature a provider serves is switched on. Unknown features are on. */
    public boolean enables(String feature) {
        return switch (feature) {
            case ListenerProvider.METRICS -> metrics;
            case ListenerProvider.TRACING -> tracing;
            default -> true;
        };
    }
}
