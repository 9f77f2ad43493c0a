package dev.remotestore.s3;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Lazy ListObjectsV2 listings: one page (up to 1,000 keys) is fetched when the stream needs it,
 * so memory does not grow with the number of keys. Errors surface from the stream, mapped.
 */
final class S3Listing {
    private S3Listing() {
    }

    static Stream<FileInfo> files(S3Client s3, String bucket, String folder, boolean recursive) {
        String prefix = prefix(folder);
        ListObjectsV2Request request = request(bucket, prefix, !recursive);
        return pages(s3, request, folder)
                .flatMap(page -> page.contents().stream())
                // zero-byte "folder/" markers made by consoles and other tools are not files
                .filter(o -> !o.key().endsWith("/"))
                .map(o -> new FileInfo(o.key(), o.size(), o.lastModified(), o.eTag(), Optional.empty(), null, Optional.empty()));
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

    /** Every key under the prefix, markers included, for deletion. */
    static Stream<String> allKeys(S3Client s3, String bucket, String prefix) {
        return pages(s3, request(bucket, prefix, false), prefix).flatMap(page -> page.contents().stream()).map(o -> o.key());
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

}
