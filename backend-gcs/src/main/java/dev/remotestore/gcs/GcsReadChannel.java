package dev.remotestore.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobGetOption;
import com.google.cloud.storage.Storage.BlobSourceOption;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only, seekable view of one object generation, whose failures leave as the project's
 * errors.
 *
 * <p>Opening looks the object up (its generation and size: one metadata request); each download
 * then asks GCS for that generation ({@code ifGenerationMatch}), and the client resumes a broken
 * download at the same byte of it (up to {@code retry.max-attempts} attempts). So a reader sees
 * one whole version:
 * <ul>
 *   <li>while the channel has handed out neither a byte nor its size, an overwrite that lands
 *       between the lookup and the download (GCS answers 412, or 404 for a deleted object) makes
 *       it look the object up again and start on the generation that is live now, at most
 *       {@link #MAX_RESTARTS} times; then it fails with {@link PreconditionFailedException};</li>
 *   <li>once it has handed out either, it stays pinned, and a replaced object fails the read with
 *       {@link PreconditionFailedException} rather than mixing two versions.</li>
 * </ul>
 * Reading at or past the end of the generation returns -1 without a request (GCS would answer
 * 416, which is end-of-file here, not an error). A seek costs nothing until the next read, which
 * downloads from there. Not thread-safe, like any channel with a position.
 */
final class GcsReadChannel implements SeekableByteChannel {
    /** How often a read that has handed out nothing starts again on a newer generation. */
    static final int MAX_RESTARTS = 3;

    private final Storage storage;
    private final BlobId blob;
    private final Optional<String> userProject;
    private Long generation; // null only on servers that report none (google-cloud-nio's in-memory fake)
    private long size;
    private long position;
    private ReadChannel download; // null until a read needs one at the current position
    private boolean pinned;
    private boolean open = true;

    private GcsReadChannel(Storage storage, BlobId blob, Optional<String> userProject) {
        this.storage = storage;
        this.blob = blob;
        this.userProject = userProject;
    }

    /** Looks the object up now: {@code NotFoundException} if it is missing (or is only a folder). */
    static GcsReadChannel open(Storage storage, String bucket, String key, Optional<String> userProject) {
        if (key.isEmpty()) {
            throw new NotFoundException("read failed: the root is a folder, not a file", key);
        }
        GcsReadChannel ch = new GcsReadChannel(storage, BlobId.of(bucket, key), userProject);
        ch.lookUp();
        return ch;
    }

    private void lookUp() {
        List<BlobGetOption> options = new ArrayList<>(2);
        options.add(BlobGetOption.fields(BlobField.GENERATION, BlobField.SIZE));
        userProject.ifPresent(p -> options.add(BlobGetOption.userProject(p)));
        Blob found;
        try {
            found = storage.get(blob, options.toArray(new BlobGetOption[0]));
        } catch (RuntimeException e) {
            throw GcsErrors.map("read", key(), e);
        }
        if (found == null) {
            throw new NotFoundException("read failed: no such file", key());
        }
        generation = found.getGeneration();
        size = found.getSize() == null ? 0 : found.getSize();
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        for (int restarts = 0; ; restarts++) {
            if (generation != null && position >= size) {
                return -1; // the pinned generation's end: GCS would answer 416
            }
            try {
                if (download == null) {
                    download = storage.reader(blob, sourceOptions());
                    download.seek(position);
                }
                int n = download.read(dst);
                if (n > 0) {
                    position += n;
                    pinned = true;
                } else if (n < 0) {
                    closeDownload(); // a later seek backwards downloads afresh
                }
                return n;
            } catch (IOException | RuntimeException e) {
                closeDownload();
                int status = GcsErrors.httpStatus(e);
                if (status == 416) {
                    return -1; // a range that starts at or after the end: end-of-file, not an error
                }
                if (status != 412 && !(status == 404 && !pinned)) {
                    throw GcsErrors.map("read", key(), e);
                }
                if (pinned) {
                    throw new PreconditionFailedException("read failed: the file was replaced while it was being read;"
                            + " generation " + generation + " is no longer live, and the read does not mix two versions (HTTP 412)",
                            key(), e);
                }
                if (restarts >= MAX_RESTARTS) {
                    throw new PreconditionFailedException("read failed: the file was replaced " + (restarts + 1)
                            + " times before its first byte could be read (HTTP " + status + ")", key(), e);
                }
                lookUp(); // nothing of the old generation was handed out: start again on the live one
            }
        }
    }

    private BlobSourceOption[] sourceOptions() {
        List<BlobSourceOption> options = new ArrayList<>(2);
        if (generation != null) {
            options.add(BlobSourceOption.generationMatch(generation));
        }
        userProject.ifPresent(p -> options.add(BlobSourceOption.userProject(p)));
        return options.toArray(new BlobSourceOption[0]);
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws ClosedChannelException {
        ensureOpen();
        return position;
    }

    @Override
    public GcsReadChannel position(long newPosition) throws ClosedChannelException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        ensureOpen();
        if (newPosition != position) {
            closeDownload();
            position = newPosition;
        }
        return this;
    }

    /** The size of the generation being read; asking for it pins the channel to that generation. */
    @Override
    public long size() throws ClosedChannelException {
        ensureOpen();
        pinned = true;
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Releases the download; never fails (closing a read can lose nothing). */
    @Override
    public void close() {
        if (open) {
            open = false;
            closeDownload();
        }
    }

    private void closeDownload() {
        if (download == null) {
            return;
        }
        try {
            download.close();
        } catch (RuntimeException e) {
            // A download being released may report how it ended (a 416 at the end, a reset); the
            // bytes handed out are complete either way.
        }
        download = null;
    }

    private String key() {
        return blob.getName();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
