package dev.remotestore.cli;

import dev.remotestore.CopyOptions;
import dev.remotestore.DownloadOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.TransferListener;
import dev.remotestore.Transfers;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file from one target to another, by the fastest path the pair allows: a local source is
 * uploaded ({@code Store.upload}), a local target downloaded into ({@code Store.download}),
 * anything else copied with {@code Transfers.copy} (server-side within one backend).
 */
final class FileCopy {
    /** What was copied: the bytes and the new file's ETag (null for a local target). */
    record Result(long bytes, String etag) {
    }

    private FileCopy() {
    }

    static Result copy(Target from, Target to, boolean overwrite, String ifMatch, TransferListener listener) {
        if (ifMatch != null && !from.isLocal()) {
            throw new UsageException("--if-match applies to uploads of a local file");
        }
        if (from.isLocal()) {
            WriteOptions options = ifMatch != null ? WriteOptions.ifMatch(ifMatch)
                    : overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly();
            long size = size(from.local());
            return new Result(size, to.store().upload(from.local(), to.path(), options, listener).etag());
        }
        if (to.isLocal()) {
            createParent(to.local());
            FileInfo info = from.store().download(from.path(), to.local(),
                    overwrite ? DownloadOptions.overwrite() : DownloadOptions.createOnly(), listener);
            return new Result(info.size(), null);
        }
        long size = from.store().getFileInfo(from.path()).size();
        String etag = Transfers.copy(from.store(), from.path(), to.store(), to.path(),
                overwrite ? CopyOptions.overwrite() : CopyOptions.createOnly(), listener).etag();
        return new Result(size, etag);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createParent(Path file) {
        Path parent = file.getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create local folder " + parent + ": " + e.getMessage(), e);
            }
        }
    }
}
