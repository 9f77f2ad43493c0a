package dev.remotestore.observability;

/**
 * One operation in flight, as a {@link StoreListener} started it.
 *
 * <p>{@link #onEnd} is called exactly once. For operations that return a stream, a channel or
 * a lazy listing, that is when the caller closes it (a listing: or exhausts it), which may be on
 * another thread than the start; a stream that is never closed never ends. {@link #enter} is
 * called on the caller's thread around the synchronous part of the operation (the backend call;
 * for a stream, its opening), so a tracer can make its span current there and spans the SDK
 * starts for its HTTP requests nest under it.
 */
@FunctionalInterface
public interface OperationHandle {

    /**
     * Makes this operation the current context of the calling thread until the returned scope is
     * closed, on the same thread. The default does nothing.
     */
    default Scope enter() {
        return Scope.NONE;
    }

    /** The operation has ended, successfully or not. Called once. */
    void onEnd(OperationResult result);
}
