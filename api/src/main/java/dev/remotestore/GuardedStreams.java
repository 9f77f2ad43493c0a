package dev.remotestore;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Wraps a backend's lazy listing so failures during iteration leave as {@link RemoteStoreException}s. */
final class GuardedStreams {
    private GuardedStreams() {
    }

    static <T> Stream<T> guard(Stream<T> stream, ErrorTranslator errors, String path) {
        Spliterator<T> inner = stream.spliterator();
        Spliterator<T> guarded = new Spliterator<>() {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                boolean[] inAction = {false};
                try {
                    return inner.tryAdvance(t -> {
                        inAction[0] = true;
                        action.accept(t);
                        inAction[0] = false;
                    });
                } catch (RuntimeException e) {
                    if (inAction[0]) {
                        throw e; // the caller's own code failed
                    }
                    throw errors.translate(e, path);
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
                throw errors.translate(e, path);
            }
        });
    }
}
