package dev.remotestore.azure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The blob client's read stream with its failures typed: the client pins the ETag of its first
 * GET, and when the blob is replaced before a later chunk is fetched it answers 412, which
 * reaches the reader as {@code PreconditionFailedException} naming the key (never a splice of
 * two versions, never a bare I/O failure).
 */
final class PinnedBlobInput extends FilterInputStream {
    private final String key;

    PinnedBlobInput(String key, InputStream in) {
        super(in);
        this.key = key;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw typed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw typed(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw typed(e);
        }
    }

    private RuntimeException typed(Exception e) throws IOException {
        if (e instanceof IOException io && !AzureErrors.isPreconditionFailed(e) && !AzureErrors.isNotFound(e)) {
            throw io; // a plain I/O failure: the Store reports it with its context
        }
        return AzureErrors.map("Get Blob", key, e);
    }
}
