package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming writes commit only on success and leave nothing behind otherwise. */
class StreamingWriteTest {

    private RecordingBackend backend;
    private Store store;

    @BeforeEach
    void newStore() {
        backend = RecordingBackend.withCapabilities(Capabilities.all());
        store = Store.of("streams", backend, "r");
    }

    @Test
    void callbackThatReturnsCommitsTheWholeFile() {
        WriteResult result = store.write("f.bin", WriteOptions.createOnly(), out -> {
            out.write(new byte[] {1, 2});
            out.write(3);
        });
        assertEquals("f.bin", result.path());
        assertArrayEquals(new byte[] {1, 2, 3}, backend.bytesAt("r/f.bin"));
        assertEquals(List.of("openOutputStream:r/f.bin", "commit:r/f.bin"), backend.calls());
    }

    @Test
    void callbackThatThrowsCommitsNothingAndItsExceptionPropagates() {
        store.write("f.bin", new byte[] {9});
        IllegalStateException failure = new IllegalStateException("producer failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> store.write("f.bin", WriteOptions.overwrite(), out -> {
                    out.write(new byte[] {1, 2, 3});
                    throw failure;
                }));
        assertSame(failure, thrown);
        assertTrue(backend.calls().contains("abort:r/f.bin"), backend.calls().toString());
        assertFalse(backend.calls().contains("commit:r/f.bin"), backend.calls().toString());
        assertArrayEquals(new byte[] {9}, backend.bytesAt("r/f.bin"), "the previous file stays as it was");
    }

    @Test
    void callbackIoExceptionArrivesAsTheCauseOfARemoteStoreException() {
        IOException io = new IOException("source unreadable");
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> store.write("g.bin", WriteOptions.overwrite(), out -> {
                    throw io;
                }));
        assertSame(io, e.getCause());
        assertEquals("streams", e.storeName());
        assertEquals("g.bin", e.path());
        assertTrue(backend.calls().contains("abort:r/g.bin"), backend.calls().toString());
        assertEquals(List.of(), backend.keys());
    }

    @Test
    void outputStreamClosedWithoutCommitAborts() throws IOException {
        try (StoreOutputStream out = store.openOutputStream("h.bin", WriteOptions.overwrite())) {
            out.write(new byte[] {1});
        }
        assertEquals(List.of("openOutputStream:r/h.bin", "abort:r/h.bin"), backend.calls());
        assertEquals(List.of(), backend.keys());
    }

    @Test
    void committedOutputStreamCannotCommitTwice() throws IOException {
        StoreOutputStream out = store.openOutputStream("h.bin", WriteOptions.overwrite());
        out.write(7);
        assertEquals("h.bin", out.commit().path());
        assertTrue(out.isCommitted());
        assertThrows(IllegalStateException.class, out::commit);
        out.close();
        assertFalse(backend.calls().contains("abort:r/h.bin"), "close after commit does not abort");
    }

    @Test
    void createOnlyConflictAtCommitIsAlreadyExistsAndAborts() throws IOException {
        store.write("c.bin", new byte[] {1});
        StoreOutputStream out = store.openOutputStream("c.bin", WriteOptions.createOnly());
        out.write(2);
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, out::commit);
        assertEquals("c.bin", e.path());
        assertEquals("streams", e.storeName());
        assertTrue(backend.calls().contains("abort:r/c.bin"), backend.calls().toString());
        assertArrayEquals(new byte[] {1}, backend.bytesAt("r/c.bin"));
    }

    @Test
    void writeFromAFailingInputStreamWritesNothing() {
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 3) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> store.write("in.bin", broken, WriteOptions.overwrite()));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("in.bin", e.path());
        assertEquals(List.of(), backend.keys());
        assertTrue(backend.calls().contains("abort:r/in.bin"), backend.calls().toString());
    }

    @Test
    void writeTextAndReadTextRoundTripUtf8() {
        store.writeText("t.txt", "grüße", WriteOptions.overwrite());
        assertArrayEquals("grüße".getBytes(StandardCharsets.UTF_8), backend.bytesAt("r/t.txt"));
        assertEquals("grüße", store.readText("t.txt"));
        assertArrayEquals("üß".getBytes(StandardCharsets.UTF_8),
                store.readBytes("t.txt", ReadOptions.range(2, 4)));
    }
}
