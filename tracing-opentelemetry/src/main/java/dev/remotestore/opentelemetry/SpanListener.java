package dev.remotestore.opentelemetry;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationHandle;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.observability.Scope;
import dev.remotestore.observability.StoreListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/** Starts a span per operation, as a child of the caller's current context. */
final class SpanListener implements OperationListener {
    private final Tracer tracer;
    private final boolean recordPaths;

    SpanListener(Tracer tracer, boolean recordPaths) {
        this.tracer = tracer;
        this.recordPaths = recordPaths;
    }

    @Override
    public StoreListener bind(String storeName, String backendType) {
        Attributes storeAttributes = Attributes.of(SpanAttributes.STORE, storeName, SpanAttributes.BACKEND, backendType);
        String[] names = new String[Operation.values().length];
        for (Operation op : Operation.values()) {
            names[op.ordinal()] = op.tag() + " " + storeName;
        }
        return (operation, path) -> {
            // The parent is Context.current(): the caller's span, if any.
            SpanBuilder builder = tracer.spanBuilder(names[operation.ordinal()])
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAllAttributes(storeAttributes)
                    .setAttribute(SpanAttributes.OPERATION, operation.tag());
            if (recordPaths && path != null) {
                builder.setAttribute(SpanAttributes.PATH, path);
            }
            return new SpanHandle(builder.startSpan(), recordPaths);
        };
    }

    /** One operation's span: current while the backend call runs, ended once. */
    private static final class SpanHandle implements OperationHandle {
        private final Span span;
        private final boolean recordExceptions;

        SpanHandle(Span span, boolean recordExceptions) {
            this.span = span;
            this.recordExceptions = recordExceptions;
        }

        @Override
        public Scope enter() {
            io.opentelemetry.context.Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public void onEnd(OperationResult result) {
            span.setAttribute(SpanAttributes.BYTES, result.bytes());
            span.setAttribute(SpanAttributes.OUTCOME, result.outcome());
            if (result.failure() != null) {
                span.setAttribute(SpanAttributes.ERROR_TYPE, result.outcome());
                // The status carries the type only: a failure's message names the path.
                span.setStatus(StatusCode.ERROR, result.outcome());
                if (recordExceptions) {
                    span.recordException(result.failure());
                }
            }
            span.end();
        }
    }
}
