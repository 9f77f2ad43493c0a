package dev.remotestore.opentelemetry;

/** Spans on {@code type = memory}. */
class MemoryTracingTest extends TracingContract {
    @Override
    protected String backendBlock() {
        return "type = memory";
    }

    @Override
    protected String backendType() {
        return "memory";
    }
}
