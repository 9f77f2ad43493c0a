package dev.remotestore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotestore.Store;
import dev.remotestore.StoreClosedException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.spi.Backend;
import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code unwrap} lends the backend's documented native types, exactly, and nothing else; after
 * the owner closes the backend it lends nothing (adr/0029).
 */
public interface UnwrapContract extends StoreFixture {

    /** Supertypes that would hand out whatever lies behind the store, the backend itself included. */
    List<Class<?>> TOO_BROAD = List.of(Object.class, AutoCloseable.class, Closeable.class, Backend.class);

    @Test
    default void unwrapRefusesObjectAutoCloseableAndTheBackendItself() {
        for (Class<?> broad : TOO_BROAD) {
            assertThrows(UnsupportedCapabilityException.class, () -> store().unwrap(broad),
                    () -> "unwrap(" + broad.getSimpleName() + ") on " + store().backendType());
            assertFalse(store().unwrapTypes().contains(broad), broad.getName());
        }
    }

    @Test
    default void unwrapGivesAnInstanceOfEveryDeclaredTypeTheSameForAChildStore() {
        for (Class<?> type : store().unwrapTypes()) {
            Object lent = store().unwrap(type);
            assertTrue(type.isInstance(lent), () -> type.getName() + " gave " + lent.getClass().getName());
            assertSame(lent, store().unwrap(type), () -> "the same " + type.getName() + " each time");
            assertSame(lent, store().child("sub").unwrap(type), () -> "a child store lends the same " + type.getName());
        }
    }

    /** The rule for every backend: once the owner closes the backend, unwrap lends nothing. */
    @Test
    default void afterCloseUnwrapIsRefusedForEveryDeclaredType() {
        ClosingStore closing = storeToClose();
        assumeTrue(closing != null, "this suite supplies no store to close: override newStoreToClose()");
        Store store = closing.store();
        Set<Class<?>> types = store.unwrapTypes();
        Map<Class<?>, Object> lent = new LinkedHashMap<>();
        for (Class<?> type : types) {
            lent.put(type, store.unwrap(type));
        }
        assertEquals(types, lent.keySet());

        closing.close().run();
        closing.close().run(); // closing twice is harmless

        for (Class<?> type : types) {
            assertThrows(StoreClosedException.class, () -> store.unwrap(type), () -> "unwrap(" + type.getName() + ") after close");
        }
        assertThrows(StoreClosedException.class, () -> store.readBytes("any.txt"));
    }
}
