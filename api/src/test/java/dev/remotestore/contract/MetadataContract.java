package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.NotFoundException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code getFileInfo}, content type, user metadata, and {@code exists / isFile / isFolder}. */
public interface MetadataContract extends StoreFixture {

    /** Clocks of remote servers drift; a few minutes either way is still "now". */
    Duration CLOCK_SLACK = Duration.ofMinutes(5);

    @Test
    default void fileInfoDescribesTheFile() {
        Instant before = Instant.now();
        put("reports/2024/q1.csv", randomBytes(1234, 20));

        FileInfo info = store().getFileInfo("reports/2024/q1.csv");

        assertEquals("reports/2024/q1.csv", info.path());
        assertEquals("q1.csv", info.name());
        assertEquals(1234, info.size());
        // ETags have tests of their own (etag* here, ifMatch* in ConditionalWriteContract)
        assertTrue(info.lastModified().isAfter(before.minus(CLOCK_SLACK)) && info.lastModified().isBefore(Instant.now().plus(CLOCK_SLACK)),
                "lastModified " + info.lastModified() + " is close to now");
    }

    @Test
    default void fileInfoOfAnEmptyFileHasSizeZero() {
        put("empty", new byte[0]);

        assertEquals(0, store().getFileInfo("empty").size());
    }

    @Test
    default void etagChangesOnOverwriteEvenWithIdenticalBytes() {
        byte[] same = utf8("identical");
        put("e.txt", same);
        String first = store().getFileInfo("e.txt").etag();

        put("e.txt", same);
        String second = store().getFileInfo("e.txt").etag();

        if (tuning().etagChangesOnEveryWrite()) {
            assertNotEquals(first, second, "every write makes a new version");
        } else {
            assertEquals(first, second, "this backend declares content-derived ETags");
        }
        put("e.txt", utf8("different"));
        assertNotEquals(second, store().getFileInfo("e.txt").etag());
    }

    @Test
    default void etagIsStableWhileTheFileIsUnchanged() {
        put("e.txt", "x");

        assertEquals(store().getFileInfo("e.txt").etag(), store().getFileInfo("e.txt").etag());
    }

    @Test
    default void fileInfoOfAMissingFileOrAFolderIsNotFound() {
        put("folder/f.txt", "x");

        assertThrows(NotFoundException.class, () -> store().getFileInfo("missing.txt"));
        assertThrows(NotFoundException.class, () -> store().getFileInfo("folder"));
    }

    @Test
    default void contentTypeRoundTripsWhenSupported() throws IOException {
        WriteOptions options = WriteOptions.overwrite().withContentType("text/csv; charset=utf-8");
        if (!has(Capability.CONTENT_TYPE)) {
            assertRefusedUnsupported("t.csv", () -> store().write("t.csv", utf8("a,b"), options));
            assertRefusedUnsupported("s.csv", () -> store().openOutputStream("s.csv", options).close());
            return;
        }
        store().write("t.csv", utf8("a,b"), options);
        try (StoreOutputStream out = store().openOutputStream("s.csv", options)) {
            out.write(utf8("c,d"));
            out.commit();
        }

        assertEquals(Optional.of("text/csv; charset=utf-8"), store().getFileInfo("t.csv").contentType());
        assertEquals(Optional.of("text/csv; charset=utf-8"), store().getFileInfo("s.csv").contentType());
        assertText("t.csv", "a,b");
    }

    @Test
    default void userMetadataRoundTripsWhenSupported() throws IOException {
        Map<String, String> metadata = Map.of("owner", "alice", "run-id", "42", "stage_2", "clean data");
        WriteOptions options = WriteOptions.overwrite().withMetadata(metadata);
        if (!has(Capability.USER_METADATA)) {
            assertRefusedUnsupported("m.bin", () -> store().write("m.bin", utf8("x"), options));
            assertRefusedUnsupported("s.bin", () -> store().openOutputStream("s.bin", options).close());
            return;
        }
        store().write("m.bin", utf8("x"), options);
        try (StoreOutputStream out = store().openOutputStream("s.bin", options)) {
            out.write(utf8("y"));
            out.commit();
        }

        assertEquals(metadata, store().getFileInfo("m.bin").metadata());
        assertEquals(metadata, store().getFileInfo("s.bin").metadata());
    }

    /**
     * Create-only and compare-and-swap writes report exactly the metadata they were given, small
     * and above the test servers' multipart threshold: nothing a backend stores for itself (the
     * s3 backend's write token, adr/0054) shows.
     */
    @Test
    default void conditionalWritesReportExactlyTheUserMetadata() throws IOException {
        if (!has(Capability.USER_METADATA) || !has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("c.bin", () -> store().write("c.bin", utf8("x"), WriteOptions.createOnly()
                    .withMetadata(Map.of("owner", "bob"))));
            return;
        }
        Map<String, String> metadata = Map.of("owner", "bob");
        store().write("c.bin", utf8("x"), WriteOptions.createOnly().withMetadata(metadata));
        try (StoreOutputStream out = store().openOutputStream("big.bin", WriteOptions.createOnly().withMetadata(metadata))) {
            out.write(randomBytes(6 << 20, 3));
            out.commit();
        }
        store().write("plain.bin", utf8("x"));

        assertEquals(metadata, store().getFileInfo("c.bin").metadata());
        assertEquals(metadata, store().getFileInfo("big.bin").metadata());
        assertEquals(Map.of(), store().getFileInfo("plain.bin").metadata());
        if (has(Capability.COMPARE_AND_SWAP)) {
            String etag = store().getFileInfo("c.bin").etag();
            store().write("c.bin", utf8("y"), WriteOptions.ifMatch(etag).withMetadata(Map.of("v", "2")));
            assertEquals(Map.of("v", "2"), store().getFileInfo("c.bin").metadata());
        }
    }

    @Test
    default void overwriteReplacesUserMetadata() {
        if (!has(Capability.USER_METADATA)) {
            assertRefusedUnsupported("m.bin", () -> store().write("m.bin", utf8("x"), WriteOptions.overwrite().withMetadata(Map.of("a", "1"))));
            return;
        }
        store().write("m.bin", utf8("x"), WriteOptions.overwrite().withMetadata(Map.of("a", "1")));
        store().write("m.bin", utf8("y"), WriteOptions.overwrite().withMetadata(Map.of("b", "2")));

        assertEquals(Map.of("b", "2"), store().getFileInfo("m.bin").metadata());
    }

    @Test
    default void aFileIsAFileAndItsParentsAreFolders() {
        put("a/b/c.txt", "x");

        assertTrue(store().isFile("a/b/c.txt"));
        assertTrue(store().exists("a/b/c.txt"));
        assertFalse(store().isFolder("a/b/c.txt"));

        for (String folder : new String[] {"a", "a/b"}) {
            assertTrue(store().isFolder(folder), folder + " is a folder");
            assertTrue(store().exists(folder), folder + " exists");
            assertFalse(store().isFile(folder), folder + " is not a file");
        }
    }

    @Test
    default void theRootIsAnExistingFolderEvenWhenEmpty() {
        assertTrue(store().isFolder(""));
        assertTrue(store().exists(""));
        assertFalse(store().isFile(""));
    }

    @Test
    default void aMissingPathIsNeitherFileNorFolder() {
        put("present.txt", "x");

        for (String missing : new String[] {"missing", "missing/deeper.txt", "present.txt/below"}) {
            assertFalse(store().exists(missing), missing);
            assertFalse(store().isFile(missing), missing);
            assertFalse(store().isFolder(missing), missing);
        }
    }

    @Test
    default void aFolderIsNotMistakenForANamePrefix() {
        put("data2/x.txt", "x");
        put("database.txt", "y");

        assertFalse(store().isFolder("data"));
        assertFalse(store().exists("data"));
        assertFalse(store().isFile("data"));
    }

    @Test
    default void aFolderVanishesWhenItsLastFileIsDeleted() {
        put("a/b/c.txt", "x");
        put("a/keep.txt", "y");

        store().delete("a/b/c.txt");

        assertFalse(store().isFolder("a/b"));
        assertFalse(store().exists("a/b"));
        assertTrue(store().isFolder("a"), "a still holds keep.txt");

        store().delete("a/keep.txt");
        assertFalse(store().isFolder("a"));
        assertFalse(store().exists("a"));
        assertTrue(store().isFolder(""), "the root never vanishes");
    }
}
