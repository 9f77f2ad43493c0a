package dev.remotestore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void quickstartWritesListsReadsAndRefusesACreateOnlyOverwrite(@TempDir Path dir) throws Exception {
        String hocon = "remote-store { backends { scratch { type = local, root = \"" + dir.toString().replace("\\", "/")
                + "\" } }, stores { data { backend = scratch, root-path = example } } }";
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("data");
            Quickstart.run(store, new PrintStream(buffer, true, StandardCharsets.UTF_8));
            // run twice: the quickstart must be repeatable on the same folder
            Quickstart.run(store, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("create-only write refused"), output);
        assertFalse(output.contains("UNEXPECTED"), output);
        assertTrue(output.contains("mid-stream, logs/run.log exists: false"), output);
        assertTrue(output.contains("after commit, logs/run.log exists: true"), output);
        assertEquals("region,revenue\nnorth,121\nsouth,95\n",
                Files.readString(dir.resolve("example/reports/q1.csv")));
    }

    @Test
    void bundledApplicationConfBuildsARegistryWithTheDataStore() {
        try (Registry registry = Registry.load()) {
            assertEquals(java.util.Set.of("data"), registry.storeNames());
        }
    }
}
