package dev.remotestore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendProviderTest {
    @TempDir
    Path temp;

    private static String quoted(Path p) {
        return '"' + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Test
    void aLocalBackendIsConfiguredFromHocon() {
        Path root = temp.resolve("data");
        String hocon = "remote-store { backends { b { type = local, root = " + quoted(root)
                + " } }, stores { s { backend = b } } }";
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("s");
            store.write("x/y.txt", "hello".getBytes(UTF_8));
            assertEquals("hello", store.readText("x/y.txt"));
            assertEquals("local", store.backendType());
        }
        assertTrue(Files.isRegularFile(root.resolve("x/y.txt")), "create-root defaults to true");
    }

    @Test
    void createRootAndFsyncAreAccepted() {
        Path root = temp.resolve("r2");
        String hocon = "remote-store { backends { b { type = local, root = " + quoted(root)
                + ", create-root = true, fsync = true } }, stores { s { backend = b, root-path = sub } } }";
        try (Registry registry = Registry.fromHocon(hocon)) {
            registry.getStore("s").write("f", new byte[2]);
        }
        assertTrue(Files.isRegularFile(root.resolve("sub/f")));
    }

    @Test
    void aRelativeRootIsResolvedToAnAbsolutePath() {
        LocalBackendProvider provider = new LocalBackendProvider();
        String relative = Path.of("").toAbsolutePath().relativize(temp.resolve("rel")).toString();
        String hocon = "remote-store { backends { b { type = local, root = " + quoted(Path.of(relative))
                + " } }, stores { s { backend = b } } }";
        try (Registry registry = Registry.fromHocon(hocon)) {
            Path root = registry.getStore("s").unwrap(Path.class);
            assertTrue(root.isAbsolute(), root.toString());
            assertEquals(temp.resolve("rel").toAbsolutePath().normalize(), root);
        }
        assertEquals("local", provider.type());
    }

    @Test
    void anUnknownKeyInTheLocalBlockIsInvalidConfigNamingKeyAndLine() {
        String hocon = "remote-store {\n"
                + "  backends { b {\n"
                + "    type = local\n"
                + "    root = " + quoted(temp) + "\n"
                + "    rot = oops\n"
                + "  } }\n"
                + "  stores { s { backend = b } }\n"
                + "}\n";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.b.rot", e.key());
        assertEquals("String: 5", e.origin());
        assertTrue(e.getMessage().contains("remote-store.backends.b.rot") && e.getMessage().contains("String: 5"),
                e.getMessage());
    }

    @Test
    void aMissingRootIsInvalidConfig() {
        String hocon = "remote-store { backends { b { type = local } }, stores { s { backend = b } } }";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.b.root", e.key());
    }

    @Test
    void aWronglyTypedFlagIsInvalidConfig() {
        String hocon = "remote-store { backends { b { type = local, root = " + quoted(temp)
                + ", fsync = maybe } }, stores { s { backend = b } } }";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.b.fsync", e.key());
    }

    @Test
    void aMissingRootWithCreateRootFalseIsInvalidConfigAtFirstUse() {
        String hocon = "remote-store { backends { b { type = local, root = " + quoted(temp.resolve("absent"))
                + ", create-root = false } }, stores { s { backend = b } } }";
        try (Registry registry = Registry.fromHocon(hocon)) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> registry.getStore("s"));
            assertEquals("remote-store.backends.b.root", e.key());
        }
    }
}
