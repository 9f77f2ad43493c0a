package dev.remotestore.iceberg;

import dev.remotestore.RemoteStoreException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.iceberg.io.RangeReadable;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's seekable stream over a store's read channel: every read asks the channel for the bytes
 * the caller wants at the current position, so a footer read fetches the footer, not the file
 * (the backend's channel decides how it reads ranges: S3 and Azure use ranged GETs). Positioned
 * reads ({@link RangeReadable}) move the channel and come back. Only single-byte reads are
 * buffered, and never past what is asked in a small chunk. Not thread-safe, like any stream.
 */
final class StoreSeekableInputStream extends SeekableInputStream implements RangeReadable {
    /** Single-byte reads are served from a chunk this big (Avro's decoder reads bytes one at a time). */
    private static final int SMALL_READ_CHUNK = 8 * 1024;

    private final SeekableByteChannel channel;
    private final String location;
    private long pos;
    private byte[] chunk;
    private int chunkStart;
    private int chunkEnd;
    private boolean closed;

    StoreSeekableInputStream(SeekableByteChannel channel, String location) {
        this.channel = channel;
        this.location = location;
    }

    @Override
    public long getPos() throws IOException {
        ensureOpen();
        return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
        ensureOpen();
        if (newPos < 0) {
            throw new EOFException("negative position " + newPos + " in " + location);
        }
        // the chunk's unread bytes are the file's bytes [pos, pos + unread)
        if (newPos >= pos && newPos < pos + (chunkEnd - chunkStart)) {
            chunkStart += (int) (newPos - pos); // forward inside the chunk: no I/O
        } else {
            chunkStart = chunkEnd = 0;
        }
        pos = newPos;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        if (chunkStart == chunkEnd) {
            if (chunk == null) {
                chunk = new byte[SMALL_READ_CHUNK];
            }
            int n = readAt(pos, chunk, 0, chunk.length);
            if (n <= 0) {
                return -1;
            }
            chunkStart = 0;
            chunkEnd = n;
        }
        pos++;
        return chunk[chunkStart++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (chunkStart < chunkEnd) {
            int n = Math.min(len, chunkEnd - chunkStart);
            System.arraycopy(chunk, chunkStart, b, off, n);
            chunkStart += n;
            pos += n;
            return n;
        }
        int n = readAt(pos, b, off, len);
        if (n > 0) {
            pos += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        if (n <= 0) {
            return 0;
        }
        long size = size();
        long skipped = Math.max(0, Math.min(n, size - pos));
        seek(pos + skipped);
        return skipped;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        int done = 0;
        while (done < length) {
            int n = readAt(position + done, buffer, offset + done, length - done);
            if (n <= 0) {
                throw new EOFException("reached the end of " + location + " at byte " + (position + done)
                        + " reading " + length + " bytes from " + position);
            }
            done += n;
        }
    }

    @Override
    public int readTail(byte[] buffer, int offset, int length) throws IOException {
        ensureOpen();
        long size = size();
        int n = (int) Math.min(length, size);
        readFully(size - n, buffer, offset, n);
        return n;
    }

    /** One read of up to {@code len} bytes at {@code at}; -1 at the end of the file. */
    private int readAt(long at, byte[] b, int off, int len) throws IOException {
        try {
            if (channel.position() != at) {
                channel.position(at);
            }
            return channel.read(ByteBuffer.wrap(b, off, len));
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    private long size() throws IOException {
        try {
            return channel.size();
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed: " + location);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                channel.close();
            } catch (RemoteStoreException e) {
                throw IcebergErrors.map(e, location);
            }
        }
    }
}
