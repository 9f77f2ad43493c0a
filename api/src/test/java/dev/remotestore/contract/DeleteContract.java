package dev.remotestore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Capability;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.NotFoundException;
import dev.remotestore.WriteOptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code delete}, {@code deleteIfExists} and {@code deleteFolder}. */
public interface DeleteContract extends StoreFixture {

    @Test
    default void deleteRemovesAnExistingFile() {
        put("d/gone.txt", "x");
        put("d/stays.txt", "y");

        store().delete("d/gone.txt");

        assertFalse(store().isFile("d/gone.txt"));
        assertThrows(NotFoundException.class, () -> store().readBytes("d/gone.txt"));
        assertEquals(Set.of("d/stays.txt"), allPaths());
    }

    @Test
    default void deleteOfAMissingFileIsNotFound() {
        put("other.txt", "x");

        assertThrows(NotFoundException.class, () -> store().delete("missing.txt"));
        assertThrows(NotFoundException.class, () -> store().delete("missing/nested.txt"));
        assertEquals(Set.of("other.txt"), allPaths());
    }

    @Test
    default void deleteOfAFolderPathIsNotFoundAndDeletesNothing() {
        put("folder/inside.txt", "x");

        assertThrows(NotFoundException.class, () -> store().delete("folder"));

        assertEquals(Set.of("folder/inside.txt"), allPaths());
    }

    @Test
    default void deleteIfExistsReportsWhetherThereWasAFile() {
        put("f.txt", "x");

        assertTrue(store().deleteIfExists("f.txt"));
        assertFalse(store().isFile("f.txt"));
        assertFalse(store().deleteIfExists("f.txt"));
        assertFalse(store().deleteIfExists("never/was.txt"));
    }

    @Test
    default void nonRecursiveDeleteFolderRefusesAFolderWithFilesAndDeletesNothing() {
        put("dir/a.txt", "a");
        put("dir/sub/b.txt", "b");

        assertThrows(FolderNotEmptyException.class, () -> store().deleteFolder("dir", false));
        assertThrows(FolderNotEmptyException.class, () -> store().deleteFolder("dir/sub", false));

        assertEquals(Set.of("dir/a.txt", "dir/sub/b.txt"), allPaths());
    }

    @Test
    default void nonRecursiveDeleteFolderRefusesAFolderWithOnlySubFolders() {
        put("dir/sub/b.txt", "b");

        assertThrows(FolderNotEmptyException.class, () -> store().deleteFolder("dir", false));

        assertEquals(Set.of("dir/sub/b.txt"), allPaths());
    }

    @Test
    default void recursiveDeleteFolderDeletesEverythingBelowAndCountsIt() {
        put("dir/a.txt", "a");
        put("dir/b.txt", "b");
        put("dir/sub/c.txt", "c");
        put("dir/sub/deeper/d.txt", "d");
        put("keep.txt", "k");

        assertEquals(4, store().deleteFolder("dir", true));

        assertEquals(Set.of("keep.txt"), allPaths());
        assertFalse(store().isFolder("dir"));
        assertFalse(store().exists("dir/sub"));
    }

    @Test
    default void recursiveDeleteFolderSparesASiblingWithASharedNamePrefix() {
        put("data/x.txt", "x");
        put("data2/y.txt", "y");
        put("data.txt", "z");
        put("data-old/w.txt", "w");

        assertEquals(1, store().deleteFolder("data", true));

        assertEquals(Set.of("data2/y.txt", "data.txt", "data-old/w.txt"), allPaths());
        assertText("data2/y.txt", "y");
    }

    @Test
    default void recursiveDeleteOfANestedFolderKeepsItsParent() {
        put("a/b/x.txt", "x");
        put("a/y.txt", "y");

        assertEquals(1, store().deleteFolder("a/b", true));

        assertEquals(Set.of("a/y.txt"), allPaths());
        assertTrue(store().isFolder("a"));
    }

    @Test
    default void deleteFolderOfAMissingFolderDeletesNothingAndIsNoError() {
        put("present/x.txt", "x");

        assertEquals(0, store().deleteFolder("missing", true));
        assertEquals(0, store().deleteFolder("missing", false));

        assertEquals(Set.of("present/x.txt"), allPaths());
    }

    @Test
    default void recursiveDeleteOfTheRootEmptiesTheStore() {
        put("a.txt", "a");
        put("b/c.txt", "c");
        put("b/d/e.txt", "e");

        assertEquals(3, store().deleteFolder("", true));

        assertEquals(Set.of(), allPaths());
        assertTrue(store().isFolder(""));
    }

    @Test
    default void aDeletedFileCanBeCreatedAgain() {
        put("again.txt", "one");
        store().delete("again.txt");

        if (has(Capability.CREATE_ONLY)) {
            store().writeText("again.txt", "two", WriteOptions.createOnly());
        } else {
            put("again.txt", "two");
        }

        assertText("again.txt", "two");
    }
}
