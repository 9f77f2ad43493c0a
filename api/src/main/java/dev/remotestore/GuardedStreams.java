package dev.remotestore;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Wraps a backend's lazy listing so failures during iteration leave as {@link RemoteStoreException}s.
 * When observed ({@code op} not null) the operation ends when the listing is exhausted or closed.
 */
final class GuardedStreams {
    private GuardedStreams() {
    }

    static <T> Stream<T> guard(Stream<T> stream, ErrorTranslator errors, String path, InFlight op) {
        Spliterator<T> inner = stream.spliterator();
        Spliterator<T> guarded = new Spliterator<>() {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                boolean[] inAction = {false};
                try {
                    boolean more = inner.tryAdvance(t -> {
                        inAction[0] = true;
                        action.accept(t);
                        inAction[0] = false;
                    });
                    if (!more && op != null) {
                        op.end();
                    }
                    return more;
                } catch (RuntimeException e) {
                    if (inAction[0]) {
                        throw e; // the caller's own code failed
                    }
                    RemoteStoreException mapped = errors.translate(e, path);
                    if (op != null) {
                        op.end(mapped);
                    }
                    throw mapped;
                }
            }

            @Override
            public Spliterator<T> trySplit() {
                return null;
            }

            @Override
            public long estimateSize() {
                return inner.estimateSize();
            }

            @Override
            public int characteristics() {
                return inner.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
            }
        };
        return StreamSupport.stream(guarded, false).onClose(() -> {
            try {
                stream.close();
            } catch (RuntimeException e) {
                RemoteStoreException mapped = errors.translate(e, path);
                if (op != null) {
                    op.failed(mapped);
                }
                throw mapped;
            } finally {
                if (op != null) {
                    op.end();
                }
            }
        });
    }
}
