package dev.remotestore.micrometer;

/** The names and tag keys of the meters this module records. */
public final class MeterNames {
    /** Timer of every operation. */
    public static final String OPERATION = "remote.store.operation";
    /** Counter of file content bytes, by direction. */
    public static final String BYTES = "remote.store.bytes";
    /** Gauge of operations in flight. */
    public static final String ACTIVE = "remote.store.operations.active";

    public static final String TAG_STORE = "store";
    public static final String TAG_BACKEND = "backend";
    public static final String TAG_OPERATION = "operation";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DIRECTION = "direction";

    private MeterNames() {
    }
}
