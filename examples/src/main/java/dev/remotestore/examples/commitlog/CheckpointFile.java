package dev.remotestore.examples.commitlog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The binary form of a checkpoint: a magic number, the last version it holds, then for every
 * version from 0 on its length and bytes. Entries are arbitrary bytes, so they are framed by
 * length rather than by a separator. Written and read as streams: memory does not grow with the
 * log.
 */
final class CheckpointFile {
    private static final long MAGIC = 0x52534C4F47435031L; // "RSLOGCP1"

    private CheckpointFile() {
    }

    /** Writes entries 0 to {@code lastVersion}, which {@code entries} yields in order. Does not close {@code out}. */
    static void write(OutputStream out, long lastVersion, Iterator<LogEntry> entries) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        data.writeLong(MAGIC);
        data.writeLong(lastVersion);
        for (long expected = 0; expected <= lastVersion; expected++) {
            if (!entries.hasNext()) {
                throw new IllegalStateException("entries end before version " + expected);
            }
            LogEntry e = entries.next();
            if (e.version() != expected) {
                throw new IllegalStateException("entry " + e.version() + " where " + expected + " was due");
            }
            data.writeInt(e.bytes().length);
            data.write(e.bytes());
        }
        data.flush();
    }

    /**
     * The entries of a checkpoint, read lazily from {@code in}; the caller closes {@code in}.
     * A malformed file raises {@link UncheckedIOException} around {@link MalformedCheckpoint}.
     */
    static Iterator<LogEntry> read(InputStream in) {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        long last;
        try {
            if (data.readLong() != MAGIC) {
                throw new UncheckedIOException(new MalformedCheckpoint("not a commit-log checkpoint"));
            }
            last = data.readLong();
        } catch (IOException e) {
            throw malformed(e);
        }
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next <= last;
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    int length = data.readInt();
                    if (length < 0) {
                        throw new MalformedCheckpoint("negative length at version " + next);
                    }
                    byte[] bytes = data.readNBytes(length);
                    if (bytes.length != length) {
                        throw new EOFException();
                    }
                    return new LogEntry(next++, bytes);
                } catch (IOException e) {
                    throw malformed(e);
                }
            }
        };
    }

    private static UncheckedIOException malformed(IOException e) {
        if (e instanceof EOFException) {
            return new UncheckedIOException(new MalformedCheckpoint("the checkpoint ends early"));
        }
        return new UncheckedIOException(e);
    }

    /** The bytes are not a checkpoint this class wrote, or end early. */
    static final class MalformedCheckpoint extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedCheckpoint(String message) {
            super(message);
        }
    }
}
