package dev.remotestore.examples.commitlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogDemoTest {

    @Test
    void theDemoRunsTwiceOnLocalDiskAndItsCheckPasses(@TempDir Path dir) throws Exception {
        String hocon = "remote-store { backends { scratch { type = local, root = \"" + dir.toString().replace("\\", "/")
                + "\" } }, stores { data { backend = scratch, root-path = example } } }";
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("data").child("commit-log-demo");
            for (int run = 0; run < 2; run++) { // the second run clears what the first left
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                boolean ok = CommitLogDemo.run(store, 4, 25, new PrintStream(buffer, true, StandardCharsets.UTF_8));
                String output = buffer.toString(StandardCharsets.UTF_8);
                assertTrue(ok, output);
                assertTrue(output.contains("check: versions 0..99, no gap, no duplicate"), output);
                assertTrue(output.contains("w3: 25 append(s)"), output);
            }
            assertEquals(99, new CommitLog(store).latestVersion());
        }
    }

    @Test
    void theDemosCheckFindsAGapADuplicateAndAWriterOutOfOrder() {
        LogEntry a0 = entry(0, "w0", 0);
        LogEntry b1 = entry(1, "w1", 0);
        assertNull(CommitLogDemo.check(List.of(a0, b1), 2, 1));
        assertTrue(CommitLogDemo.check(List.of(a0, entry(2, "w1", 0)), 2, 1).contains("version 2 at position 1"));
        assertTrue(CommitLogDemo.check(List.of(a0, entry(1, "w0", 0)), 2, 1).contains("w0's entry 0 at version 1"));
        assertTrue(CommitLogDemo.check(List.of(entry(0, "w0", 1), entry(1, "w0", 0)), 1, 2).contains("expected its entry 0"));
        assertTrue(CommitLogDemo.check(List.of(a0), 2, 1).contains("1 entries, expected 2"));
    }

    private static LogEntry entry(long version, String writer, int seq) {
        return new LogEntry(version, CommitLogTest.bytes("{\"writer\":\"" + writer + "\",\"seq\":" + seq + "}"));
    }
}
