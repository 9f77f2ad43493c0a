package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stores.<name>.url} and {@code url-defaults} in HOCON. */
class UrlStoresFromHoconTest {
    @TempDir
    Path dir;

    @Test
    void storeDeclaredByUrlSitsBesideNamedStoresAndSharesByEqualSettings() throws Exception {
        String hocon = "remote-store {\n"
                + "  backends { mem { type = memory } }\n"
                + "  stores {\n"
                + "    named { backend = mem }\n"
                + "    data { url = \"" + dir.toUri() + "exports\" }\n"
                + "    scratch { url = \"memory://space/tmp\" }\n"
                + "    scratch2 { url = \"memory://space\" }\n"
                + "  }\n"
                + "}\n";
        try (Registry registry = Registry.fromHocon(hocon)) {
            assertEquals(List.of("named", "data", "scratch", "scratch2"), List.copyOf(registry.storeNames()));
            Store data = registry.getStore("data");
            assertEquals("data", data.name());
            data.writeText("q1.csv", "x\n", dev.remotestore.WriteOptions.createOnly());
            assertEquals("x\n", Files.readString(dir.resolve("exports/q1.csv")), "the URL names the store's folder");
            registry.getStore("scratch").writeText("f", "m", dev.remotestore.WriteOptions.createOnly());
            assertEquals("m", registry.getStore("scratch2").readText("tmp/f"), "equal settings share one backend");
            assertEquals("m", registry.open("memory://space/tmp/f").store().readText("f"), "and so does Registry.open");
        }
    }

    @Test
    void badUrlIsRefusedWhenTheRegistryIsBuiltNamingKeyAndLine() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store {\n  stores {\n    data { url = \"memory://space/a?colour=red\" }\n  }\n}\n"));
        assertEquals("remote-store.stores.data.url", e.key());
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("String: 3"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store { stores { data { url = \"s3://bucket/x\" } } }"));
        assertTrue(e.getMessage().contains("remote-store-backend-s3"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store { stores { data { url = \"memory://m/x\", root-path = y } } }"));
        assertEquals("remote-store.stores.data.root-path", e.key());
        e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store { stores { data { url = \"memory://m/../x\" } } }"));
        assertEquals("remote-store.stores.data.url", e.key());
    }

    @Test
    void aBadUrlStoreIsListedWithTheConfigsOtherProblems() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store {\n  backends { mem { type = memory, colour = red } }\n"
                        + "  stores {\n    data { url = \"memory://space/a?colour=red\" }\n  }\n}\n"));
        List<String> keys = e.problems().stream().map(InvalidConfigException.Problem::key).toList();
        assertTrue(keys.contains("remote-store.stores.data.url") && keys.contains("remote-store.backends.mem.colour"),
                keys.toString());
    }

    @Test
    void urlDefaultsAreValidatedAgainstTheBackendsSchema() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                "remote-store { url-defaults { ftp { type = local } } }"));
        assertEquals("remote-store.url-defaults.ftp", e.key());
        try (Registry registry = Registry.fromHocon(
                "remote-store {\n url-defaults {\n  file { fsync = maybe }\n }\n}\n")) {
            e = assertThrows(InvalidConfigException.class, () -> registry.open(dir.toUri() + "x"));
            assertTrue(e.getMessage().contains("fsync") && e.getMessage().contains("String: 3"), e.getMessage());
        }
        try (Registry registry = Registry.fromHocon("remote-store { url-defaults { file { fsync = true } } }")) {
            assertEquals("local", registry.open(dir.toUri() + "x").store().backendType());
        }
    }
}
