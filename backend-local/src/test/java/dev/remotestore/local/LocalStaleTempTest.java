package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The in-process side of adr/0028: writes of this JVM are never swept; the age is validated. */
class LocalStaleTempTest extends LocalBackendFixture {

    @Test
    void aWriteInProgressInThisProcessKeepsItsTempFileWhateverItsAge() throws Exception {
        byte[] data = new byte[100_000];
        data[99_999] = 7;
        try (StoreOutputStream out = store.openOutputStream("a/b.bin", WriteOptions.overwrite())) {
            out.write(data, 0, 50_000);
            out.flush();
            Path tmp = onlyTemp(root.resolve("a"));
            Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

            LocalBackend other = LocalBackend.builder(root).staleTempAge(Duration.ofMillis(1)).build();
            try {
                assertTrue(other.startupSweep().await(30, TimeUnit.SECONDS));
                Store second = Store.of("second", other);
                try (Stream<?> listed = second.listFiles("a", ListOptions.recursive())) {
                    assertEquals(0, listed.count());
                }
                assertEquals(0, second.deleteFolder("a", true));
            } finally {
                other.close();
            }
            assertTrue(Files.exists(tmp), "a live write's temp file is not swept, however old");

            out.write(data, 50_000, 50_000);
            out.commit();
        }
        assertArrayEquals(data, store.readBytes("a/b.bin"));
        assertEquals(List.of(), tempsUnder(root));
    }

    @Test
    void staleTempAgeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> LocalBackend.builder(root).staleTempAge(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LocalBackend.builder(root).staleTempAge(Duration.ofSeconds(-1)));
        for (String bad : List.of("0s", "-5m")) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(
                    "remote-store { backends { b { type = local, root = \"" + root + "\", stale-temp-age = " + bad
                            + " } }, stores { s { backend = b } } }"));
            assertTrue(e.key().endsWith("stale-temp-age"), e.key());
        }
    }

    private static Path onlyTemp(Path dir) throws Exception {
        List<Path> temps = tempsUnder(dir);
        assertEquals(1, temps.size(), temps::toString);
        return temps.get(0);
    }

    private static List<Path> tempsUnder(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith(LocalKeys.TEMP_PREFIX)).toList();
        }
    }
}
