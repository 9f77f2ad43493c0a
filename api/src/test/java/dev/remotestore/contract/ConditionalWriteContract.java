package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Create-only (the default), overwrite and compare-and-swap ({@code ifMatch}), through every
 * write path. Preconditions are real: decided by the backend at the write (for streams, at
 * commit), never check-then-write. A backend without the capability refuses instead.
 */
public interface ConditionalWriteContract extends StoreFixture {

    @Test
    default void createOnlyIsTheDefaultAndRefusesAnExistingFile() {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("once.txt", () -> store().write("once.txt", utf8("first")));
            return;
        }
        store().write("once.txt", utf8("first"));

        assertThrows(AlreadyExistsException.class, () -> store().write("once.txt", utf8("second")));
        assertThrows(AlreadyExistsException.class, () -> store().writeText("once.txt", "third", WriteOptions.createOnly()));
        assertThrows(AlreadyExistsException.class,
                () -> store().write("once.txt", new ByteArrayInputStream(utf8("fourth")), WriteOptions.createOnly()));
        assertThrows(AlreadyExistsException.class,
                () -> store().write("once.txt", WriteOptions.createOnly(), out -> out.write(utf8("fifth"))));

        assertText("once.txt", "first");
    }

    @Test
    default void createOnlyWritesANewFile() {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("new.txt", () -> store().writeText("new.txt", "x", WriteOptions.createOnly()));
            return;
        }
        WriteResult result = store().writeText("new.txt", "x", WriteOptions.createOnly());

        assertEquals("new.txt", result.path());
        assertText("new.txt", "x");
    }

    @Test
    default void overwriteReplacesAnExistingFileAndCreatesAMissingOne() {
        store().writeText("f.txt", "one", WriteOptions.overwrite());
        store().writeText("f.txt", "two", WriteOptions.overwrite());

        assertText("f.txt", "two");
    }

    @Test
    default void writeResultEtagIsTheStoredEtag() {
        WriteResult result = store().writeText("f.txt", "one", WriteOptions.overwrite());

        assertFalse(result.etag().isEmpty());
        assertEquals(result.etag(), store().getFileInfo("f.txt").etag());
    }

    @Test
    default void ifMatchWithTheCurrentEtagReplacesAndReturnsANewEtag() {
        WriteResult first = store().writeText("cas.txt", "v1", WriteOptions.overwrite());
        String current = store().getFileInfo("cas.txt").etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().writeText("cas.txt", "v2", WriteOptions.ifMatch(current)));
            assertText("cas.txt", "v1");
            return;
        }
        WriteResult second = store().writeText("cas.txt", "v2", WriteOptions.ifMatch(current));

        assertNotEquals(first.etag(), second.etag(), "a compare-and-swap produces a new etag");
        assertEquals(second.etag(), store().getFileInfo("cas.txt").etag());
        assertText("cas.txt", "v2");
    }

    @Test
    default void ifMatchWithAStaleEtagFailsAndKeepsTheContent() {
        String stale = store().writeText("cas.txt", "v1", WriteOptions.overwrite()).etag();
        store().writeText("cas.txt", "v2", WriteOptions.overwrite());
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().writeText("cas.txt", "v3", WriteOptions.ifMatch(stale)));
            assertText("cas.txt", "v2");
            return;
        }

        assertThrows(PreconditionFailedException.class, () -> store().writeText("cas.txt", "v3", WriteOptions.ifMatch(stale)));

        assertText("cas.txt", "v2");
    }

    /**
     * Another writer stored the very bytes this write carries after the expected ETag was read
     * (two clients raising a counter from 5 to 6): the compare-and-swap is refused all the same,
     * small, a few MiB (one request on S3, whose 412 a server may send before reading the body and
     * then close the connection: the answer is lost and the object's state decides, adr/0054) and
     * as a stream above the multipart threshold of the test servers.
     */
    @Test
    default void ifMatchWithAStaleEtagIsRefusedWhenTheFileNowHoldsTheSameBytes() throws IOException {
        for (int size : new int[] {1, 4 << 20, 6 << 20}) {
            byte[] five = StoreFixture.randomBytes(size, 5);
            byte[] six = StoreFixture.randomBytes(size, 6);
            String stale = store().write("counter.bin", five, WriteOptions.overwrite()).etag();
            store().write("counter.bin", six, WriteOptions.overwrite()); // the other client's increment
            if (!has(Capability.COMPARE_AND_SWAP)) {
                assertThrows(UnsupportedCapabilityException.class,
                        () -> store().write("counter.bin", six, WriteOptions.ifMatch(stale)));
                return;
            }
            String current = store().getFileInfo("counter.bin").etag();

            assertThrows(PreconditionFailedException.class,
                    () -> store().write("counter.bin", six, WriteOptions.ifMatch(stale)), size + " bytes");
            assertThrows(PreconditionFailedException.class,
                    () -> store().write("counter.bin", new ByteArrayInputStream(six), WriteOptions.ifMatch(stale)),
                    size + " bytes, streamed");

            assertContent("counter.bin", six);
            assertEquals(current, store().getFileInfo("counter.bin").etag(), size + " bytes: the other writer's file is untouched");
        }
    }

    /** As above for create-only: a file that already holds this write's bytes still refuses it. */
    @Test
    default void createOnlyIsRefusedWhenTheFileAlreadyHoldsTheSameBytes() throws IOException {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("same.bin", () -> store().write("same.bin", utf8("x")));
            return;
        }
        for (int size : new int[] {1, 4 << 20, 6 << 20}) {
            byte[] bytes = StoreFixture.randomBytes(size, 7);
            String etag = store().write("same-" + size + ".bin", bytes, WriteOptions.overwrite()).etag();

            assertThrows(AlreadyExistsException.class,
                    () -> store().write("same-" + size + ".bin", bytes, WriteOptions.createOnly()), size + " bytes");
            assertThrows(AlreadyExistsException.class,
                    () -> store().write("same-" + size + ".bin", new ByteArrayInputStream(bytes), WriteOptions.createOnly()),
                    size + " bytes, streamed");

            assertEquals(etag, store().getFileInfo("same-" + size + ".bin").etag(), size + " bytes: untouched");
        }
    }

    @Test
    default void ifMatchOnAMissingFileFailsWithPreconditionFailedAndWritesNothing() {
        String someEtag = store().writeText("other.txt", "x", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertRefusedUnsupported("missing.txt", () -> store().writeText("missing.txt", "x", WriteOptions.ifMatch(someEtag)));
            return;
        }

        assertThrows(PreconditionFailedException.class,
                () -> store().writeText("missing.txt", "x", WriteOptions.ifMatch(someEtag)));

        assertFalse(store().isFile("missing.txt"));
    }

    @Test
    default void createOnlyStreamFailsAtCommitWhenAnotherWriterCreatedTheFileMeanwhile() throws IOException {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("race.txt", () -> store().openOutputStream("race.txt", WriteOptions.createOnly()).close());
            return;
        }
        try (StoreOutputStream out = store().openOutputStream("race.txt", WriteOptions.createOnly())) {
            out.write(utf8("slow writer"));
            store().writeText("race.txt", "fast writer", WriteOptions.createOnly());

            assertThrows(AlreadyExistsException.class, out::commit);
        }

        assertText("race.txt", "fast writer");
    }

    @Test
    default void createOnlyStreamCommitsWhenTheFileIsStillMissing() throws IOException {
        if (!has(Capability.CREATE_ONLY)) {
            assertRefusedUnsupported("s.txt", () -> store().openOutputStream("s.txt", WriteOptions.createOnly()).close());
            return;
        }
        try (StoreOutputStream out = store().openOutputStream("s.txt", WriteOptions.createOnly())) {
            out.write(utf8("streamed"));
            assertEquals("s.txt", out.commit().path());
        }

        assertText("s.txt", "streamed");
    }

    @Test
    default void overwriteStreamReplacesAFileWrittenMeanwhile() throws IOException {
        try (StoreOutputStream out = store().openOutputStream("o.txt", WriteOptions.overwrite())) {
            out.write(utf8("mine"));
            put("o.txt", "theirs");
            out.commit();
        }

        assertText("o.txt", "mine");
    }

    @Test
    default void ifMatchStreamFailsAtCommitWhenTheFileChangedMeanwhile() throws IOException {
        String etag = store().writeText("cas.txt", "v1", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().openOutputStream("cas.txt", WriteOptions.ifMatch(etag)).close());
            assertText("cas.txt", "v1");
            return;
        }
        try (StoreOutputStream out = store().openOutputStream("cas.txt", WriteOptions.ifMatch(etag))) {
            out.write(utf8("v2 from a stream"));
            put("cas.txt", "v2 from elsewhere");

            assertThrows(PreconditionFailedException.class, out::commit);
        }

        assertText("cas.txt", "v2 from elsewhere");
    }

    @Test
    default void ifMatchStreamCommitsWhenTheEtagStillMatches() throws IOException {
        String etag = store().writeText("cas.txt", "v1", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class,
                    () -> store().openOutputStream("cas.txt", WriteOptions.ifMatch(etag)).close());
            assertText("cas.txt", "v1");
            return;
        }
        WriteResult result;
        try (StoreOutputStream out = store().openOutputStream("cas.txt", WriteOptions.ifMatch(etag))) {
            out.write(utf8("v2"));
            result = out.commit();
        }

        assertNotEquals(etag, result.etag());
        assertText("cas.txt", "v2");
    }

    @Test
    default void ifMatchStreamOnAMissingFileFailsWithPreconditionFailed() throws IOException {
        String someEtag = store().writeText("other.txt", "x", WriteOptions.overwrite()).etag();
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertRefusedUnsupported("missing.txt", () -> store().openOutputStream("missing.txt", WriteOptions.ifMatch(someEtag)).close());
            return;
        }
        try (StoreOutputStream out = store().openOutputStream("missing.txt", WriteOptions.ifMatch(someEtag))) {
            out.write(utf8("x"));
            assertThrows(PreconditionFailedException.class, out::commit);
        }

        assertFalse(store().isFile("missing.txt"));
    }

    @Test
    default void ifMatchAfterAnOverwriteWithIdenticalBytesFails() {
        String etag = store().writeText("same.txt", "same", WriteOptions.overwrite()).etag();
        store().writeText("same.txt", "same", WriteOptions.overwrite());
        if (!has(Capability.COMPARE_AND_SWAP)) {
            assertThrows(UnsupportedCapabilityException.class, () -> store().writeText("same.txt", "new", WriteOptions.ifMatch(etag)));
            return;
        }

        if (!tuning().etagChangesOnEveryWrite()) {
            // content-derived ETags (S3): the rewrite kept the tag, so the swap is allowed
            store().writeText("same.txt", "new", WriteOptions.ifMatch(etag));
            assertText("same.txt", "new");
            return;
        }
        assertThrows(PreconditionFailedException.class, () -> store().writeText("same.txt", "new", WriteOptions.ifMatch(etag)),
                "every write is a new version, even with the same bytes");
        assertTrue(store().isFile("same.txt"));
        assertText("same.txt", "same");
    }
}
