package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a message is composed: headline, where, then the backend's own detail. */
class ErrorMessageTest {

    @Test
    void theMessageOpensWithTheHeadlineThenNamesWhereThenTheDetail() {
        NotFoundException e = new NotFoundException("GetObject failed: NoSuchKey (HTTP 404)", "root/a.txt");
        e.attachContext("data", "s3", "a.txt");

        assertEquals("Not found: data/a.txt (s3): GetObject failed: NoSuchKey (HTTP 404)", e.getMessage());
        assertEquals("GetObject failed: NoSuchKey (HTTP 404)", e.detail());
    }

    @Test
    void partsNotKnownAreLeftOut() {
        assertEquals("Not found: a.txt: gone", new NotFoundException("gone", "a.txt").getMessage());
        assertEquals("Not found: gone", new NotFoundException("gone", null).getMessage());
        assertEquals("Backend unavailable: backend s3: slow down",
                new BackendUnavailableException("slow down", null).withBackendType("s3").getMessage());
        assertEquals("x.txt: I/O failure: disk on fire", new RemoteStoreException("I/O failure: disk on fire", "x.txt").getMessage(),
                "a failure of no particular kind has no headline");
    }

    @Test
    void aDetailThatOnlyRepeatsTheHeadlineIsLeftOut() {
        PermissionDeniedException e = new PermissionDeniedException("permission denied", "k");
        e.attachContext("s", "local", "k");

        assertEquals("Permission denied: s/k (local)", e.getMessage());
    }

    @Test
    void everyKindHasItsOwnHeadline() {
        assertEquals("Already exists", new AlreadyExistsException("x", null).headline());
        assertEquals("Precondition failed", new PreconditionFailedException("x", null).headline());
        assertEquals("Folder not empty", new FolderNotEmptyException("x", null).headline());
        assertEquals("Illegal path", new IllegalPathException("x", null).headline());
        assertEquals("Not supported", new UnsupportedCapabilityException("x", null).headline());
        assertEquals("Store closed", new StoreClosedException("x", null).headline());
        assertEquals(null, new RemoteStoreException("x", null).headline());
    }
}
