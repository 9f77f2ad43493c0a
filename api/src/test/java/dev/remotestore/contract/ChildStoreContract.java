package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.IllegalPathException;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code child(path)}: a store confined to a sub-folder, with paths relative to itself. */
public interface ChildStoreContract extends StoreFixture {

    @Test
    default void childWritesUnderItsFolderOfTheParent() {
        Store sub = store().child("sub");

        assertEquals("x.txt", sub.write("x.txt", utf8("child"), WriteOptions.overwrite()).path());
        assertEquals("y/x.txt", sub.writeText("y/x.txt", "nested", WriteOptions.overwrite()).path());

        assertText("sub/x.txt", "child");
        assertText("sub/y/x.txt", "nested");
        assertEquals(Set.of("sub/x.txt", "sub/y/x.txt"), allPaths());
    }

    @Test
    default void childReturnsPathsRelativeToItself() {
        put("sub/a/b.txt", "b");
        put("sub/c.txt", "c");
        put("other.txt", "o");
        put("subway/d.txt", "d");
        Store sub = store().child("sub");

        try (Stream<FileInfo> files = sub.listFiles("", ListOptions.recursive())) {
            assertEquals(Set.of("a/b.txt", "c.txt"), files.map(FileInfo::path).collect(Collectors.toSet()));
        }
        try (Stream<FolderEntry> folders = sub.listFolders("")) {
            assertEquals(Set.of("a"), folders.map(FolderEntry::path).collect(Collectors.toSet()));
        }
        assertEquals("a/b.txt", sub.getFileInfo("a/b.txt").path());
        assertEquals("c.txt", sub.write("c.txt", utf8("c2"), WriteOptions.overwrite()).path());
        assertArrayEquals(utf8("b"), sub.readBytes("a/b.txt"));
        assertTrue(sub.isFolder("a"));
        assertTrue(sub.exists(""));
    }

    @Test
    default void childCannotReachOutsideItsFolder() {
        put("secret.txt", "parent only");
        Store sub = store().child("sub");

        assertThrows(IllegalPathException.class, () -> sub.readBytes("../secret.txt"));
        assertThrows(IllegalPathException.class, () -> sub.write("../escaped.txt", utf8("x"), WriteOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> sub.write("a/../../escaped.txt", utf8("x"), WriteOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> sub.child(".."));
        assertThrows(IllegalPathException.class, () -> sub.child("a/../.."));
        assertThrows(IllegalPathException.class, () -> store().child("/abs"));
        assertThrows(NotFoundException.class, () -> sub.readBytes("secret.txt"));
        assertFalse(sub.isFile("secret.txt"));

        assertEquals(Set.of("secret.txt"), allPaths());
    }

    @Test
    default void childOfAChildNestsAndNormalisesItsPath() {
        Store nested = store().child("./a//b").child("c\\d");

        nested.writeText("f.txt", "deep", WriteOptions.overwrite());

        assertText("a/b/c/d/f.txt", "deep");
        assertEquals(store().name(), nested.name());
        assertEquals(store().backendType(), nested.backendType());
        String parentRoot = store().rootPath();
        assertEquals(parentRoot.isEmpty() ? "a/b/c/d" : parentRoot + "/a/b/c/d", nested.rootPath());
    }

    @Test
    default void recursiveDeleteInAChildSparesTheRestOfTheParent() {
        put("sub/x.txt", "x");
        put("sub/deep/y.txt", "y");
        put("subway/z.txt", "z");
        put("top.txt", "t");

        assertEquals(2, store().child("sub").deleteFolder("", true));

        assertEquals(Set.of("subway/z.txt", "top.txt"), allPaths());
    }

    @Test
    default void childOfAMissingFolderIsEmptyAndUsable() {
        Store sub = store().child("not/yet");

        try (Stream<FileInfo> files = sub.listFiles("", ListOptions.recursive())) {
            assertEquals(0, files.count());
        }
        assertTrue(sub.isFolder(""));
        assertFalse(store().isFolder("not/yet"));

        sub.writeText("now.txt", "here", WriteOptions.overwrite());
        assertTrue(store().isFolder("not/yet"));
        assertText("not/yet/now.txt", "here");
    }

    @Test
    default void childErrorsNameTheChildRelativePath() {
        Store sub = store().child("sub");

        NotFoundException e = assertThrows(NotFoundException.class, () -> sub.readBytes("missing.txt"));

        assertEquals("missing.txt", e.path());
    }
}
