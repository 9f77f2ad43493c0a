package dev.remotestore.s3;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lazy ListObjectsV2 listings: one page (up to 1,000 keys) is fetched when the stream needs it,
 * so memory does not grow with the number of keys. Errors surface from the stream, mapped. One
 * odd entry never fails a listing: an entry without an ETag is listed with an absent one, and
 * a key ending in {@code /} that holds bytes is reported instead of listed (adr/0020).
 */
final class S3Listing {
    private static final Logger LOG = LoggerFactory.getLogger(S3Listing.class);

    private S3Listing() {
    }

    static Stream<FileInfo> files(S3Client s3, String bucket, String folder, boolean recursive) {
        String prefix = prefix(folder);
        ListObjectsV2Request request = request(bucket, prefix, !recursive);
        UnnameableKeys unnameable = new UnnameableKeys(bucket);
        return pages(s3, request, folder)
                .flatMap(page -> page.contents().stream())
                .filter(o -> {
                    if (!o.key().endsWith("/")) {
                        return true;
                    }
                    // zero-byte "folder/" markers made by consoles are not files; bytes under
                    // such a key are data that no store path can name (adr/0020): reported
                    if (holdsBytes(o)) {
                        unnameable.report(o.key(), o.size());
                    }
                    return false;
                })
                .map(S3Listing::info)
                .filter(Objects::nonNull);
    }

    /** An entry as a FileInfo; null (and a WARN) for an entry too broken to describe. */
    private static FileInfo info(S3Object o) {
        if (o.size() == null || o.lastModified() == null) {
            LOG.warn("ListObjectsV2 returned the entry {} without {}; it is left out of this listing", o.key(),
                    o.size() == null ? "a size" : "a last-modified time");
            return null;
        }
        String etag = o.eTag() == null || o.eTag().isBlank() ? null : o.eTag(); // some servers omit it (FileInfo#etag)
        return new FileInfo(o.key(), o.size(), o.lastModified(), etag, Optional.empty(), null, Optional.empty());
    }

    /** Whether the key holds data: a key ending in {@code /} with bytes is no folder marker. */
    static boolean holdsBytes(S3Object o) {
        return !o.key().endsWith("/") || o.size() == null || o.size() > 0;
    }

    static Stream<FolderEntry> folders(S3Client s3, String bucket, String folder) {
        String prefix = prefix(folder);
        ListObjectsV2Request request = request(bucket, prefix, true);
        String[] last = {null};
        return pages(s3, request, folder)
                .flatMap(page -> page.commonPrefixes().stream())
                .map(p -> p.prefix().substring(0, p.prefix().length() - 1))
                // some servers repeat a common prefix on the next page; pages are sorted
                .filter(dir -> {
                    boolean fresh = !dir.equals(last[0]);
                    last[0] = dir;
                    return fresh && !dir.equals(folder) && dir.length() > prefix.length();
                })
                .map(FolderEntry::new);
    }

    /** Every object under the prefix, markers included, for deletion. */
    static Stream<S3Object> allObjects(S3Client s3, String bucket, String prefix) {
        return pages(s3, request(bucket, prefix, false), prefix).flatMap(page -> page.contents().stream());
    }

    private static ListObjectsV2Request request(String bucket, String prefix, boolean delimited) {
        ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(1000);
        if (delimited) {
            b.delimiter("/");
        }
        return b.build();
    }

    /** Pages fetched one by one as the stream advances (the SDK paginator is itself lazy). */
    private static Stream<ListObjectsV2Response> pages(S3Client s3, ListObjectsV2Request first, String folder) {
        Iterator<ListObjectsV2Response> pages = new Iterator<>() {
            private ListObjectsV2Request next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ListObjectsV2Response next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                ListObjectsV2Response page;
                try {
                    page = s3.listObjectsV2(next);
                } catch (RuntimeException e) {
                    next = null;
                    throw S3Errors.map("ListObjectsV2", folder, e);
                }
                String token = page.nextContinuationToken();
                next = Boolean.TRUE.equals(page.isTruncated()) && token != null
                        ? next.toBuilder().continuationToken(token).build() : null;
                return page;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static String prefix(String folder) {
        return folder.isEmpty() ? "" : folder + "/";
    }

    /**
     * Keys a listing skips because they end in {@code /} yet hold bytes: the first is logged at
     * WARN (once per listing, so a listing of many does not flood the log), the rest at DEBUG.
     */
    private static final class UnnameableKeys {
        private final String bucket;
        private boolean warned;

        UnnameableKeys(String bucket) {
            this.bucket = bucket;
        }

        void report(String key, Long size) {
            if (!warned) {
                warned = true;
                LOG.warn("s3://{}/{} holds {} bytes under a key ending in '/', which no store path can name: it is not "
                        + "listed as a file (read it through unwrap(S3Client.class); deleteFolder counts and deletes it). "
                        + "Further such keys in this listing are logged at DEBUG", bucket, key, size);
            } else {
                LOG.debug("s3://{}/{} holds {} bytes under a key ending in '/'; not listed", bucket, key, size);
            }
        }
    }

}
