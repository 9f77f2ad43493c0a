package dev.remotestore.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attributes of a store operation's span. */
public final class SpanAttributes {
    /** The instrumentation scope of the spans. */
    public static final String INSTRUMENTATION_SCOPE = "dev.remotestore";

    /** The store's name. */
    public static final AttributeKey<String> STORE = AttributeKey.stringKey("remote_store.store");
    /** The backend type, e.g. {@code s3}. */
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("remote_store.backend");
    /** The operation, e.g. {@code read}, {@code get_file_info}. */
    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("remote_store.operation");
    /** The path relative to the store (the source of a copy or move); only with {@code record-paths = true}. */
    public static final AttributeKey<String> PATH = AttributeKey.stringKey("remote_store.path");
    /** File content bytes that passed (read or written). */
    public static final AttributeKey<Long> BYTES = AttributeKey.longKey("remote_store.bytes");
    /** {@code success}, {@code aborted} or the error type's simple name. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("remote_store.outcome");
    /** The error type's simple name, on failed operations (OpenTelemetry's general {@code error.type}). */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private SpanAttributes() {
    }
}
