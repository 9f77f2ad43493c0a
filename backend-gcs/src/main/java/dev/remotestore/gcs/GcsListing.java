package dev.remotestore.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazy, paged listings: one page (GCS's default, up to 1,000 entries) is fetched at a time, as
 * the caller consumes the stream, so memory does not grow with the folder. A flat listing uses
 * the {@code /} delimiter and gets sub-folders as prefixes. Objects whose name ends in {@code /}
 * (the folder placeholders some tools create) are not files and are skipped.
 */
final class GcsListing {
    private final Storage storage;
    private final String bucket;
    private final Optional<String> userProject;

    GcsListing(Storage storage, String bucket, Optional<String> userProject) {
        this.storage = storage;
        this.bucket = bucket;
        this.userProject = userProject;
    }

    /** The files under {@code folder}; recursively or only its direct files. */
    Stream<FileInfo> files(String folder, boolean recursive) {
        return blobs(prefix(folder), !recursive)
                .filter(b -> !b.isDirectory() && !b.getName().endsWith("/"))
                .map(b -> GcsObjects.fileInfo(b.getName(), b));
    }

    /** The direct sub-folders of {@code folder}. */
    Stream<FolderEntry> folders(String folder) {
        return blobs(prefix(folder), true)
                .filter(Blob::isDirectory)
                .map(b -> b.getName().substring(0, b.getName().length() - 1))
                .filter(name -> !name.isEmpty() && !name.endsWith("/"))
                .map(FolderEntry::new);
    }

    /** Whether at least one file lies under {@code folder}. */
    boolean hasFileUnder(String folder) {
        try (Stream<FileInfo> files = files(folder, true)) {
            return files.findAny().isPresent();
        }
    }

    /** Every object name under {@code folder}, recursively, lazily. */
    Iterator<String> keysUnder(String folder) {
        return blobs(prefix(folder), false)
                .filter(b -> !b.isDirectory())
                .map(Blob::getName)
                .iterator();
    }

    private Stream<Blob> blobs(String prefix, boolean flat) {
        String folder = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        List<BlobListOption> opts = new ArrayList<>(4);
        if (!prefix.isEmpty()) {
            opts.add(BlobListOption.prefix(prefix));
        }
        if (flat) {
            opts.add(BlobListOption.currentDirectory());
        }
        userProject.ifPresent(p -> opts.add(BlobListOption.userProject(p)));
        BlobListOption[] options = opts.toArray(new BlobListOption[0]);
        // The first page is fetched when the stream is first consumed, not now.
        Iterator<Blob> lazy = new Iterator<>() {
            private Iterator<Blob> delegate;

            private Iterator<Blob> delegate() {
                if (delegate == null) {
                    try {
                        Page<Blob> first = storage.list(bucket, options);
                        delegate = first.iterateAll().iterator();
                    } catch (RuntimeException e) {
                        throw GcsErrors.map("list", folder, e);
                    }
                }
                return delegate;
            }

            @Override
            public boolean hasNext() {
                try {
                    return delegate().hasNext();
                } catch (RuntimeException e) {
                    throw GcsErrors.map("list", folder, e);
                }
            }

            @Override
            public Blob next() {
                try {
                    return delegate().next();
                } catch (RuntimeException e) {
                    throw GcsErrors.map("list", folder, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lazy, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static String prefix(String folder) {
        return folder.isEmpty() ? "" : folder + "/";
    }
}
