package dev.remotestore.local;

import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The local backend's file fast paths: an upload is a kernel copy ({@code transferTo}) of the
 * file into the write's staged temp file, published by {@link LocalCommitter} with the usual
 * create-only, overwrite or compare-and-swap step; a download is a kernel copy out of the stored
 * file. Copies go in chunks so that progress is reported while they run. Errors name the local
 * file the caller gave, never a path under the root.
 */
final class LocalFileTransfers {
    /** Progress granularity: large enough that the kernel copy keeps its speed. */
    static final long CHUNK = 8L * 1024 * 1024;

    private LocalFileTransfers() {
    }

    static WriteResult upload(LocalCommitter committer, String key, Path file, LocalCommitter.Request request,
            LongConsumer progress) {
        FileChannel source;
        try {
            source = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e, key, e);
        }
        try (source; LocalOutputStream out = LocalOutputStream.open(committer, key, request)) {
            out.transferFrom(source, progress, "the local file " + file);
            return out.commit();
        } catch (IOException e) {
            // only closing the source throws here, after the commit
            throw new RemoteStoreException("cannot close the local file " + file + ": " + e, key, e);
        }
    }

    /**
     * Copies the stored file, already open as {@code source}, into {@code target}. The version
     * read is pinned: the file is opened before its ETag is compared with the expected one, and
     * every write publishes a new file (a new inode), so an open file's bytes never change.
     */
    static void download(FileChannel source, String key, FileInfo expected, Supplier<FileInfo> current, Path target,
            LongConsumer progress) {
        try (source) {
            FileInfo now = current.get();
            if (!Objects.equals(now.etag(), expected.etag())) {
                throw new PreconditionFailedException("the file changed before the download began: its ETag is "
                        + now.etag() + ", not " + expected.etag(), key);
            }
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long size = source.size();
                long done = 0;
                while (done < size) {
                    long n = source.transferTo(done, Math.min(CHUNK, size - done), out);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                    progress.accept(n);
                }
                if (done != expected.size()) {
                    throw new PreconditionFailedException("the file has " + done + " bytes, not the "
                            + expected.size() + " expected", key);
                }
            }
        } catch (IOException e) {
            throw new RemoteStoreException("cannot download to the local file " + target + ": " + e, key, e);
        }
    }
}
