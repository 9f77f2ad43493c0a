package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.remotestore.DefaultRegistry;
import dev.remotestore.NotFoundException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreClosedException;
import dev.remotestore.WriteOptions;
import org.junit.jupiter.api.Test;

/** The process-wide registry: one until closed, URL stores share it, a closed one is replaced. */
class DefaultRegistryTest {
    @Test
    void oneRegistryForTheProcessUntilItIsClosed() {
        Registry first = DefaultRegistry.get();
        assertSame(first, DefaultRegistry.get());
        Store store = first.openFolder("memory://default-registry-test/");
        store.writeText("a", "1", WriteOptions.overwrite());
        assertEquals("1", DefaultRegistry.get().open("memory://default-registry-test/a").store().readText("a"));
        first.close();
        assertThrows(StoreClosedException.class, () -> store.readText("a"));
        Registry second = DefaultRegistry.get();
        assertNotSame(first, second);
        assertThrows(NotFoundException.class, () -> second.open("memory://default-registry-test/a").store().readText("a"),
                "closing released the memory space");
    }
}
