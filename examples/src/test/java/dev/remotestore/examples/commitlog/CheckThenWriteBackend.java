package dev.remotestore.examples.commitlog;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;

/**
 * A server that accepts a create-only write and does not decide it: it checks whether the file
 * exists, waits a moment, then overwrites. What a gateway that ignores {@code If-None-Match: *}
 * amounts to; the negative control of the commit-log tests.
 */
final class CheckThenWriteBackend extends ForwardingBackend {
    CheckThenWriteBackend(Backend inner) {
        super(inner);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        if (options.mode() != WriteOptions.Mode.CREATE_ONLY) {
            return super.write(key, data, options);
        }
        if (inner.isFile(key)) {
            throw new AlreadyExistsException("exists", key);
        }
        try {
            Thread.sleep(2); // the window between the check and the write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.write(key, data, WriteOptions.overwrite());
    }
}
