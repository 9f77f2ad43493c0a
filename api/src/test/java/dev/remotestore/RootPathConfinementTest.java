package dev.remotestore;

import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A store with a root path sees only its folder of the backend, and speaks in paths relative to it. */
class RootPathConfinementTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).sorted().toList();
        }
    }

    @Test
    void configuredRootPathPrefixesKeysAndIsStrippedFromResults() {
        String tag = uniqueTag("root");
        try (Registry registry = Registry.fromHocon("""
                remote-store {
                  backends { main { type = test-recording, name-tag = "%s" } }
                  stores { data { backend = main, root-path = "a/b/" } }
                }
                """.formatted(tag))) {
            Store store = registry.getStore("data");
            assertEquals("a/b", store.rootPath());
            WriteResult written = store.write("x", utf8("hello"));
            assertEquals("x", written.path());

            RecordingBackend backend = RecordingBackendProvider.created(tag).get(0);
            assertEquals(List.of("a/b/x"), backend.keys());
            assertEquals("x", store.getFileInfo("x").path());
            assertEquals("hello", store.readText("x"));
        }
    }

    @Test
    void listingsReturnPathsRelativeToTheRoot() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store whole = Store.of("whole", backend);
        whole.write("outside.txt", utf8("o"));
        whole.write("a/b/x", utf8("x"));
        whole.write("a/b/sub/y", utf8("y"));
        whole.write("a/bc/not-mine", utf8("n"));
        Store store = Store.of("data", backend, "a/b");

        assertEquals(List.of("x"), paths(store.listFiles("")));
        assertEquals(List.of("sub/y", "x"), paths(store.listFiles("", ListOptions.recursive())));
        assertEquals(List.of("sub/y"), paths(store.listFiles("sub")));
        try (Stream<FolderEntry> folders = store.listFolders("")) {
            assertEquals(List.of(new FolderEntry("sub")), folders.toList());
        }
        assertFalse(store.exists("outside.txt"));
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("data", backend, "a/b");
        assertThrows(IllegalPathException.class, () -> store.readBytes("../outside.txt"));
        assertThrows(IllegalPathException.class, () -> store.child("x/../.."));
        assertEquals(List.of(), backend.calls());
    }

    @Test
    void childNestsTheRootAndSharesTheBackend() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("data", backend, "a/b");
        Store child = store.child("c/");
        assertEquals("a/b/c", child.rootPath());
        assertEquals("data", child.name());
        assertSame(backend, child.unwrap(RecordingBackend.class));

        WriteResult written = child.write("y", utf8("why"));
        assertEquals("y", written.path());
        assertEquals(List.of("a/b/c/y"), backend.keys());
        assertArrayEquals(utf8("why"), store.readBytes("c/y"));
        assertEquals(List.of("y"), paths(child.listFiles("")));
        assertEquals("a/b/c", store.child("").child("./c").rootPath());
    }

    @Test
    void copyAndMoveResultsAreRelative() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("data", backend, "r");
        store.write("one", utf8("1"));
        assertEquals("two", store.copy("one", "two").path());
        assertEquals("dir/three", store.move("two", "dir/three").path());
        assertEquals(List.of("r/dir/three", "r/one"), backend.keys());
    }

    @Test
    void notFoundFromTheBackendNamesTheCallersPathNotTheKey() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("data", backend, "a/b");
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.readBytes("./missing"));
        assertEquals("./missing", e.path());
        assertEquals("data", e.storeName());
        assertFalse(e.getMessage().contains("a/b/missing"), e.getMessage());
        assertTrue(backend.calls().contains("read:a/b/missing"), backend.calls().toString());
    }
}
