package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.observability.OperationResult;
import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingListener;
import dev.remotestore.testing.RecordingListener.Ended;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interception point: what a listener hears of each operation, stream, channel and listing. */
class ObservedStoreTest {
    private RecordingBackend backend;
    private RecordingListener listener;
    private Store store;

    @BeforeEach
    void newStore() {
        backend = RecordingBackend.withCapabilities(Capabilities.all());
        listener = new RecordingListener();
        store = Store.of("obs", backend, "root").observed(List.of(listener));
    }

    @Test
    void eachOperationStartsAndEndsOnceWithStoreBackendAndOperation() {
        store.write("a.txt", new byte[] {1, 2, 3});
        store.exists("a.txt");
        store.isFile("a.txt");
        store.isFolder("");
        store.getFileInfo("a.txt");
        store.copy("a.txt", "b.txt");
        store.move("b.txt", "c.txt");
        store.presignRead("a.txt", Duration.ofMinutes(1));
        store.presignWrite("a.txt", Duration.ofMinutes(1));
        store.delete("c.txt");
        store.deleteIfExists("c.txt");
        store.deleteFolder("", true);
        store.ping();

        List<Operation> expected = List.of(Operation.WRITE, Operation.EXISTS, Operation.IS_FILE, Operation.IS_FOLDER,
                Operation.GET_FILE_INFO, Operation.COPY, Operation.MOVE, Operation.PRESIGN_READ, Operation.PRESIGN_WRITE,
                Operation.DELETE, Operation.DELETE, Operation.DELETE_FOLDER, Operation.PING);
        assertEquals(expected, listener.ended().stream().map(Ended::operation).toList());
        assertEquals(expected.size(), listener.started().size());
        for (Ended e : listener.ended()) {
            assertEquals("obs", e.store());
            assertEquals(backend.type(), e.backend());
            assertEquals(OperationResult.SUCCESS, e.result().outcome(), e.toString());
            assertTrue(e.result().durationNanos() > 0, e.toString());
        }
        assertEquals(3, listener.ended().get(0).result().bytes(), "a write of bytes counts them");
        assertEquals("obs/" + backend.type() + " write a.txt", listener.started().get(0));
    }

    @Test
    void readStreamCountsItsBytesAndEndsOnlyWhenClosed() throws Exception {
        store.write("f.bin", new byte[1000]);
        listener.clear();
        try (InputStream in = store.read("f.bin")) {
            in.read();
            in.read(new byte[99]);
            assertTrue(listener.ended().isEmpty(), "a stream still open has not ended");
            in.readAllBytes();
        }
        Ended read = listener.only();
        assertEquals(Operation.READ, read.operation());
        assertEquals(1000, read.result().bytes());
        assertTrue(read.result().succeeded());
    }

    @Test
    void readBytesIsOneReadWithItsBytes() {
        store.write("f.bin", new byte[4096]);
        listener.clear();
        assertEquals(4096, store.readBytes("f.bin").length);
        Ended read = listener.only();
        assertEquals(Operation.READ, read.operation());
        assertEquals(4096, read.result().bytes());
    }

    @Test
    void closingAStreamTwiceEndsItOnce() throws Exception {
        store.write("f.bin", new byte[10]);
        listener.clear();
        InputStream in = store.read("f.bin");
        in.close();
        in.close();
        assertEquals(1, listener.ended().size());
    }

    @Test
    void streamingWriteCountsBytesAndEndsAtCommit() {
        try (StoreOutputStream out = store.openOutputStream("s.bin", WriteOptions.createOnly())) {
            out.write(new byte[500]);
            out.write(7);
            assertTrue(listener.ended().isEmpty());
            out.commit();
        }
        Ended e = listener.only();
        assertEquals(Operation.WRITE, e.operation());
        assertEquals(501, e.result().bytes());
        assertEquals(OperationResult.SUCCESS, e.result().outcome());
        assertEquals(501, backend.bytesAt("root/s.bin").length);
    }

    @Test
    void streamingWriteClosedWithoutCommitEndsAborted() {
        try (StoreOutputStream out = store.openOutputStream("s.bin", WriteOptions.createOnly())) {
            out.write(new byte[10]);
        }
        assertEquals(OperationResult.ABORTED, listener.only().result().outcome());
    }

    @Test
    void streamingWriteWhoseCommitFailsEndsWithTheErrorType() {
        store.write("s.bin", new byte[1]);
        listener.clear();
        StoreOutputStream out = store.openOutputStream("s.bin", WriteOptions.createOnly());
        out.write(new byte[10]);
        assertThrows(AlreadyExistsException.class, out::commit);
        out.close();
        Ended e = listener.only();
        assertEquals("AlreadyExistsException", e.result().outcome());
        assertInstanceOf(AlreadyExistsException.class, e.result().failure());
    }

    @Test
    void writeFromAStreamCountsWhatTheBackendRead() {
        store.write("w.bin", new ByteArrayInputStream(new byte[12345]), WriteOptions.createOnly());
        Ended e = listener.only();
        assertEquals(Operation.WRITE, e.operation());
        assertEquals(12345, e.result().bytes());
    }

    @Test
    void failuresEndWithTheErrorTypeAsOutcome() {
        assertThrows(NotFoundException.class, () -> store.read("missing"));
        assertThrows(IllegalPathException.class, () -> store.getFileInfo("../escape"));
        backend.failNextCallWith(new PermissionDeniedException("no", "root/x"));
        assertThrows(PermissionDeniedException.class, () -> store.isFile("x"));
        assertEquals(List.of("NotFoundException", "IllegalPathException", "PermissionDeniedException"),
                listener.ended().stream().map(e -> e.result().outcome()).toList());
        assertTrue(listener.ended().stream().noneMatch(e -> e.result().succeeded()));
    }

    @Test
    void listingEndsWhenExhaustedAndNotAgainWhenClosed() {
        store.write("d/1", new byte[1]);
        store.write("d/2", new byte[1]);
        listener.clear();
        try (Stream<FileInfo> files = store.listFiles("d")) {
            assertEquals(2, files.count());
            assertEquals(1, listener.ended().size(), "exhausted: ended");
        }
        assertEquals(1, listener.ended().size(), "closed after: not again");
        assertEquals(Operation.LIST_FILES, listener.only().operation());
    }

    @Test
    void listingClosedEarlyEndsAtClose() {
        store.write("d/1", new byte[1]);
        store.write("d/2", new byte[1]);
        listener.clear();
        try (Stream<FolderEntry> dirs = store.listFolders("")) {
            dirs.findFirst();
        }
        assertEquals(Operation.LIST_FOLDERS, listener.only().operation());
    }

    @Test
    void scopeIsEnteredOnTheCallersThreadAroundTheBackendCall() {
        store.exists("x");
        assertEquals(List.of("exists@" + Thread.currentThread().getName(), "exit exists"), listener.entered());
    }

    @Test
    void aChildStoreReportsToTheSameListener() {
        store.child("sub").write("f", new byte[2]);
        assertEquals("obs/" + backend.type() + " write f", listener.started().get(0));
    }

    @Test
    void aFailingListenerDoesNotFailTheOperation() {
        OperationListener broken = (s, b) -> (op, path) -> {
            throw new IllegalStateException("listener bug");
        };
        Store both = Store.of("obs", backend).observed(List.of(broken, listener));
        both.write("ok", new byte[] {5});
        assertArrayEquals(new byte[] {5}, backend.bytesAt("ok"));
        assertEquals(Operation.WRITE, listener.only().operation(), "the other listener still hears it");
    }

    @Test
    void aStoreWithoutListenersReportsNothing() {
        Store plain = Store.of("plain", backend);
        plain.write("p", new byte[1]);
        plain.readBytes("p");
        assertTrue(listener.started().isEmpty());
    }
}
