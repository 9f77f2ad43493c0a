package dev.remotestore.observability;

/** What {@link OperationHandle#enter} returns: closed on the thread that entered, without throwing. */
@FunctionalInterface
public interface Scope extends AutoCloseable {
    /** A scope that does nothing. */
    Scope NONE = () -> {
    };

    @Override
    void close();
}
