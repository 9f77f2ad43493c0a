package dev.remotestore.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.NotFoundException;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UrlCopy on local disk and memory: no server, no credentials. */
class UrlCopyTest {
    @TempDir
    Path dir;

    @Test
    void copiesBetweenPlainPathsFileUrlsAndMemoryKeepingTheBytes() throws Exception {
        byte[] data = new byte[3_000_001];
        new Random(5).nextBytes(data);
        Path source = dir.resolve("in put+1.bin");
        Files.write(source, data);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Registry registry = Registry.of(RegistryConfig.builder().build());
                PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            assertEquals(data.length, UrlCopy.copy(registry, source.toString(), "memory://tmp/stage/", out));
            assertEquals(data.length, UrlCopy.copy(registry, "memory://tmp/stage/in%20put%2B1.bin",
                    dir.resolve("out").toUri() + "/copy.bin", out));
            assertThrows(NotFoundException.class, () -> UrlCopy.copy(registry, dir.resolve("missing").toString(),
                    "memory://tmp/x", out));
        }
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("out/copy.bin")));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("copied 3000001 bytes from file://"), log.toString(StandardCharsets.UTF_8));
    }
}
