package dev.remotestore.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.Context.FailedExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A global AWS SDK interceptor (registered by this module's test resources) that opens a span per
 * SDK call, parented on {@link Context#current()} as OpenTelemetry's AWS SDK instrumentation
 * does. Inactive unless a test sets {@link #tracer}.
 */
public final class SdkRequestSpans implements ExecutionInterceptor {
    static volatile Tracer tracer;
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("rs-test-span");

    @Override
    public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
        Tracer t = tracer;
        if (t != null) {
            attributes.putAttribute(SPAN, t.spanBuilder("S3." + context.request().getClass().getSimpleName())
                    .setParent(Context.current()).startSpan());
        }
    }

    @Override
    public void afterExecution(AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.end();
        }
    }

    @Override
    public void onExecutionFailure(FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.end();
        }
    }
}
