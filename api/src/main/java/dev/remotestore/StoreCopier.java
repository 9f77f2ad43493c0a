package dev.remotestore;

import dev.remotestore.spi.ProgressInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Copies one file between two stores: server-side when both stores work on the same backend
 * instance (their roots may differ), otherwise streamed through this process with bounded memory,
 * keeping the content type and user metadata where the target can hold them.
 */
final class StoreCopier {
    private StoreCopier() {
    }

    /** {@link Transfers#copy}: one file, with its own progress meter. */
    static WriteResult copyFile(Store from, String source, Store to, String target, CopyOptions options,
            TransferListener listener) {
        ProgressMeter meter = new ProgressMeter(listener, -1, 1);
        try {
            FileInfo info = from.getFileInfo(source);
            meter.totals(info.size(), 1);
            return copyOne(from, info, to, target, options.isOverwrite(), meter);
        } finally {
            meter.fileDone();
            meter.finish();
        }
    }

    /**
     * Copies the file {@code info} describes ({@code info.path()} is relative to {@code from}).
     * {@code progress} is told the bytes as they pass; a server-side copy tells all of them at
     * its end.
     */
    static WriteResult copyOne(Store from, FileInfo info, Store to, String target, boolean overwrite,
            LongConsumer progress) {
        if (from.sharesBackendWith(to)) {
            WriteResult result = from.copyWithinBackend(info.path(), to, target,
                    overwrite ? CopyOptions.overwrite() : CopyOptions.createOnly());
            progress.accept(info.size());
            return result;
        }
        return streamed(from, info, to, target, overwrite, progress);
    }

    private static WriteResult streamed(Store from, FileInfo info, Store to, String target, boolean overwrite,
            LongConsumer progress) {
        WriteOptions write = withAttributes(overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly(), info, to);
        String what = "the source " + from.name() + "/" + info.path();
        try (InputStream in = new ProgressInputStream(from.read(info.path()), progress, info.size(), what)) {
            // the target store reads the stream to its end; a short or long source fails the write, which stores nothing
            return to.write(target, in, write);
        } catch (IOException e) {
            // only close() throws here, after the write committed: nothing to undo
            throw new RemoteStoreException("cannot close " + what + ": " + e, info.path(), e);
        }
    }

    /**
     * The source's content type and user metadata, for a target that can store them. A listing's
     * entries may lack both: the callers pass what {@link Store#getFileInfo} returned.
     */
    private static WriteOptions withAttributes(WriteOptions options, FileInfo info, Store to) {
        WriteOptions out = options;
        if (info.contentType().isPresent() && to.capabilities().has(Capability.CONTENT_TYPE)) {
            out = out.withContentType(info.contentType().get());
        }
        if (!info.metadata().isEmpty() && to.capabilities().has(Capability.USER_METADATA)) {
            out = out.withMetadata(info.metadata());
        }
        return out;
    }
}
