package dev.remotestore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Folders, listings and folder deletion on the local backend. */
class LocalFoldersTest extends LocalBackendFixture {
    @Test
    void emptyParentFoldersArePrunedAfterMove() throws IOException {
        store.write("from/deep/x.txt", "x".getBytes(UTF_8));
        store.move("from/deep/x.txt", "to/x.txt");
        assertEquals(Set.of("to", "to/x.txt"), everythingOnDisk());
        assertEquals("x", store.readText("to/x.txt"));
    }

    @Test
    void readingAFolderIsNotFound() {
        store.write("dir/file", new byte[1]);
        assertThrows(NotFoundException.class, () -> store.read("dir"));
        assertThrows(NotFoundException.class, () -> store.openChannel("dir"));
        assertThrows(NotFoundException.class, () -> store.getFileInfo("dir"));
        assertThrows(NotFoundException.class, () -> store.read("dir/file/below"));
        assertFalse(store.isFile("dir"));
    }

    @Test
    void listsTwentyFiveHundredFilesInOneFolderLazily() {
        for (int i = 0; i < 2600; i++) {
            store.write("many/f" + i, new byte[] {(byte) i}, WriteOptions.overwrite());
        }
        try (Stream<FileInfo> files = store.listFiles("many")) {
            assertEquals(2600, files.map(FileInfo::path).distinct().count());
        }
        try (Stream<FileInfo> files = store.listFiles("many")) {
            assertEquals(5, files.limit(5).count(), "a partially consumed listing closes cleanly");
        }
    }

    @Test
    void listingsReturnFullKeysAndSkipEmptyFolders() throws IOException {
        store.write("a/b/c.txt", new byte[1]);
        store.write("a/d.txt", new byte[1]);
        Files.createDirectories(root.resolve("a/empty/deeper"));
        assertEquals(Set.of("a/b/c.txt", "a/d.txt"),
                store.listFiles("a", ListOptions.recursive()).map(FileInfo::path).collect(Collectors.toSet()));
        assertEquals(Set.of("a/d.txt"), store.listFiles("a").map(FileInfo::path).collect(Collectors.toSet()));
        assertEquals(List.of("a/b"), store.listFolders("a").map(FolderEntry::path).collect(Collectors.toList()));
        assertFalse(store.isFolder("a/empty"));
        assertEquals(0, store.listFiles("missing", ListOptions.recursive()).count());
        assertEquals(0, store.listFiles("a/d.txt").count(), "a file in place of the folder lists as empty");
    }

    @Test
    void deleteFolderNonRecursiveRefusesFilesAndRemovesEmptyDirectories() throws IOException {
        store.write("x/y/z.txt", new byte[1]);
        assertThrows(FolderNotEmptyException.class, () -> store.deleteFolder("x", false));
        Files.createDirectories(root.resolve("e/f/g"));
        assertEquals(0, store.deleteFolder("e", false));
        assertFalse(Files.exists(root.resolve("e")));
        assertEquals(0, store.deleteFolder("missing", false));
    }

    @Test
    void deleteFolderRecursiveCountsFilesAndKeepsTheRoot() throws IOException {
        store.write("x/1", new byte[1]);
        store.write("x/y/2", new byte[1]);
        store.write("x/y/z/3", new byte[1]);
        store.write("top", new byte[1]);
        assertEquals(3, store.deleteFolder("x", true));
        assertEquals(Set.of("top"), everythingOnDisk());
        assertEquals(1, store.deleteFolder("", true));
        assertEquals(Set.of(), everythingOnDisk());
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void deleteOfAMissingFileOrAFolderReturnsFalse() {
        store.write("d/f", new byte[1]);
        assertFalse(store.deleteIfExists("nope"));
        assertFalse(store.deleteIfExists("d"));
        assertFalse(store.deleteIfExists("nope/deeper"));
        assertFalse(store.deleteIfExists("d/f/below"), "a file where a folder would be: nothing to delete");
        assertFalse(store.isFile("d/f/below"));
        assertFalse(store.isFolder("d/f"));
        assertTrue(store.deleteIfExists("d/f"));
    }

    @Test
    void temporaryFilesLeftByACrashAreInvisible() throws IOException {
        Files.createDirectories(root.resolve("d"));
        Files.write(root.resolve("d/.rs-tmp-deadbeef"), new byte[10]);
        assertFalse(store.isFolder("d"), "a folder holding only a temp file is not a folder");
        assertEquals(Set.of(), store.listFiles("", ListOptions.recursive()).map(FileInfo::path).collect(Collectors.toSet()));
        assertEquals(List.of(), store.listFolders("").collect(Collectors.toList()));
    }
}
