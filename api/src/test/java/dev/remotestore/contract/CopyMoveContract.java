package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.CopyOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code copy} and {@code move}: create-only by default, {@code CopyOptions.overwrite()} replaces. */
public interface CopyMoveContract extends StoreFixture {

    @Test
    default void copyDuplicatesTheBytesAndKeepsTheSource() {
        byte[] data = randomBytes(5 * 1024 * 1024 + 9, 30);
        put("src.bin", data);

        WriteResult result = store().copy("src.bin", "dst.bin", CopyOptions.overwrite());

        assertEquals("dst.bin", result.path());
        assertFalse(result.etag().isEmpty());
        assertContent("dst.bin", data);
        assertContent("src.bin", data);
        assertEquals(data.length, store().getFileInfo("dst.bin").size());
    }

    @Test
    default void copyIntoANewNestedFolderCreatesIt() {
        put("src.txt", "x");

        store().copy("src.txt", "new/nested/folder/dst.txt", CopyOptions.overwrite());

        assertText("new/nested/folder/dst.txt", "x");
        assertTrue(store().isFolder("new/nested"));
    }

    @Test
    default void copyOfAMissingFileIsNotFoundAndCreatesNothing() {
        assertThrows(NotFoundException.class, () -> store().copy("missing.txt", "dst.txt", CopyOptions.overwrite()));

        assertFalse(store().isFile("dst.txt"));
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void copyOntoAnExistingTargetIsRefusedByDefault() {
        put("src.txt", "source");
        put("dst.txt", "target");
        if (!has(Capability.CREATE_ONLY)) {
            assertThrows(UnsupportedCapabilityException.class, () -> store().copy("src.txt", "dst.txt"));
            assertText("dst.txt", "target");
            assertRefusedUnsupported("new.txt", () -> store().copy("src.txt", "new.txt"));
            return;
        }

        assertThrows(AlreadyExistsException.class, () -> store().copy("src.txt", "dst.txt"));
        assertThrows(AlreadyExistsException.class, () -> store().copy("src.txt", "dst.txt", CopyOptions.createOnly()));

        assertText("dst.txt", "target");
        assertText("src.txt", "source");
    }

    @Test
    default void createOnlyCopyToAFreeTargetSucceeds() {
        put("src.txt", "source");
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("dst.txt", () -> store().copy("src.txt", "dst.txt"));
            return;
        }

        store().copy("src.txt", "dst.txt");

        assertText("dst.txt", "source");
    }

    @Test
    default void copyWithOverwriteReplacesTheTarget() {
        put("src.txt", "source");
        put("dst.txt", "target");

        store().copy("src.txt", "dst.txt", CopyOptions.overwrite());

        assertText("dst.txt", "source");
        assertText("src.txt", "source");
    }

    @Test
    default void copyIsIndependentOfItsSource() {
        put("src.txt", "v1");
        store().copy("src.txt", "dst.txt", CopyOptions.overwrite());

        put("src.txt", "v2");

        assertText("dst.txt", "v1");
    }

    @Test
    default void moveTransfersTheBytesAndRemovesTheSource() {
        byte[] data = randomBytes(100_000, 31);
        put("from/src.bin", data);

        WriteResult result = store().move("from/src.bin", "to/nested/dst.bin", CopyOptions.overwrite());

        assertEquals("to/nested/dst.bin", result.path());
        assertContent("to/nested/dst.bin", data);
        assertFalse(store().isFile("from/src.bin"));
        assertFalse(store().isFolder("from"), "the source's emptied folder vanishes");
        assertEquals(Set.of("to/nested/dst.bin"), allPaths());
    }

    @Test
    default void moveOfAMissingFileIsNotFound() {
        assertThrows(NotFoundException.class, () -> store().move("missing.txt", "dst.txt", CopyOptions.overwrite()));

        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void moveOntoAnExistingTargetIsRefusedByDefaultAndKeepsBoth() {
        put("src.txt", "source");
        put("dst.txt", "target");
        Class<? extends RuntimeException> expected =
                has(Capability.CREATE_ONLY) ? AlreadyExistsException.class : UnsupportedCapabilityException.class;

        assertThrows(expected, () -> store().move("src.txt", "dst.txt"));

        assertText("src.txt", "source");
        assertText("dst.txt", "target");
    }

    @Test
    default void createOnlyMoveToAFreeTargetSucceeds() {
        put("src.txt", "source");
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("dst.txt", () -> store().move("src.txt", "dst.txt"));
            assertText("src.txt", "source");
            return;
        }

        store().move("src.txt", "dst.txt");

        assertText("dst.txt", "source");
        assertFalse(store().isFile("src.txt"));
    }

    @Test
    default void moveWithOverwriteReplacesTheTarget() {
        put("src.txt", "source");
        put("dst.txt", "target");

        store().move("src.txt", "dst.txt", CopyOptions.overwrite());

        assertText("dst.txt", "source");
        assertEquals(Set.of("dst.txt"), allPaths());
    }

    @Test
    default void copyOrMoveOntoItselfLosesNothing() {
        put("self.txt", "kept");
        String etag = store().getFileInfo("self.txt").etag();
        Class<? extends RuntimeException> expected =
                has(Capability.CREATE_ONLY) ? AlreadyExistsException.class : UnsupportedCapabilityException.class;

        assertThrows(expected, () -> store().move("self.txt", "self.txt"));
        assertThrows(expected, () -> store().copy("self.txt", "self.txt"));
        WriteResult moved = store().move("self.txt", "self.txt", CopyOptions.overwrite());

        assertEquals("self.txt", moved.path());
        assertText("self.txt", "kept");
        assertEquals(Set.of("self.txt"), allPaths());
        assertEquals(etag, moved.etag(), "a move onto itself changes nothing");
    }
}
