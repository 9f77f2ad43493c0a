package dev.remotestore.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Bridges the AWS SDK's own per-request metrics into a Micrometer registry: an SDK
 * {@link MetricPublisher} for the clients of {@code s3} and {@code s3-crt}'s standard client.
 * Needs the AWS SDK on the class path (it is an optional dependency of this module).
 *
 * <ul>
 *   <li>{@value #API_CALL} (timer): the whole API call, retries included; tags {@code service},
 *       {@code operation} (e.g. {@code PutObject}), {@code outcome} ({@code success} or
 *       {@code failure});</li>
 *   <li>{@value #RETRIES} (counter): retries the SDK made; tags {@code service}, {@code operation};</li>
 *   <li>{@value #THROTTLED} (counter): attempts the service throttled (503 SlowDown, 429);
 *       same tags.</li>
 * </ul>
 *
 * <p>Attach it where the client is built:
 * {@code S3Client.builder().overrideConfiguration(o -> o.addMetricPublisher(AwsSdkMetricPublisher.of(registry)))}.
 */
public final class AwsSdkMetricPublisher implements MetricPublisher {
    public static final String API_CALL = "aws.sdk.api.call";
    public static final String RETRIES = "aws.sdk.api.call.retries";
    public static final String THROTTLED = "aws.sdk.api.call.throttled";

    /** CoreMetric.ERROR_TYPE's value for a throttled attempt (the SDK's own enum is internal). */
    private static final String THROTTLING = "Throttling";

    private final MeterRegistry registry;

    private AwsSdkMetricPublisher(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** A publisher recording into {@code registry}. */
    public static AwsSdkMetricPublisher of(MeterRegistry registry) {
        return new AwsSdkMetricPublisher(registry);
    }

    @Override
    public void publish(MetricCollection call) {
        String service = first(call, CoreMetric.SERVICE_ID, "unknown");
        String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
        Boolean ok = first(call, CoreMetric.API_CALL_SUCCESSFUL, Boolean.FALSE);
        Duration duration = first(call, CoreMetric.API_CALL_DURATION, null);
        if (duration != null) {
            Timer.builder(API_CALL)
                    .description("AWS SDK API calls, retries included (from the SDK's MetricPublisher)")
                    .tags("service", service, "operation", operation, "outcome", ok ? "success" : "failure")
                    .register(registry)
                    .record(duration);
        }
        Integer retries = first(call, CoreMetric.RETRY_COUNT, 0);
        Counter.builder(RETRIES).description("retries the AWS SDK made")
                .tags("service", service, "operation", operation).register(registry).increment(retries);
        long throttled = call.childrenWithName("ApiCallAttempt")
                .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
                .count();
        Counter.builder(THROTTLED).description("attempts the service throttled")
                .tags("service", service, "operation", operation).register(registry).increment(throttled);
    }

    private static <T> T first(MetricCollection collection, software.amazon.awssdk.metrics.SdkMetric<T> metric, T absent) {
        List<T> values = collection.metricValues(metric);
        return values.isEmpty() ? absent : values.get(0);
    }

    @Override
    public void close() {
        // the registry is the caller's
    }
}
