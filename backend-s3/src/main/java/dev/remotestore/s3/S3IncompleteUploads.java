package dev.remotestore.s3;

import dev.remotestore.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Multipart uploads that were started but neither completed nor aborted: they hold storage (and
 * cost) without being visible as objects. Two ways to find them (adr/0022):
 *
 * <ul>
 *   <li>{@link #abortOlderThan(Store, Duration)}, a maintenance call for operators: aborts every
 *       in-progress upload under a store's root initiated more than a given age ago, whoever
 *       started it (for example a process killed mid-write).</li>
 *   <li>After a CreateMultipartUpload whose first attempt may have reached the server without its
 *       answer reaching us (a timeout or a dropped connection, then a retry), the writer aborts
 *       the uploads of exactly that key that were initiated while its call ran and hold no part:
 *       those are the lost attempts'. S3 cannot mark an upload as ours in a way its listing shows
 *       (ListMultipartUploads returns neither metadata nor tags), so a writer of the same key that
 *       created its upload in that same second-scale window and has not yet sent a part could lose
 *       its upload (its write then fails with {@code NotFoundException}; no data is mixed).</li>
 * </ul>
 */
public final class S3IncompleteUploads {
    private static final Logger LOG = LoggerFactory.getLogger(S3IncompleteUploads.class);
    /** HTTP dates have whole seconds; the server's clock is read from its Date header. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final S3Client s3;
    private final String bucket;

    S3IncompleteUploads(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Aborts the in-progress multipart uploads under {@code store}'s root that were initiated more
     * than {@code olderThan} ago (by the local clock), for stores of type {@code s3} and
     * {@code s3-crt}. Needs {@code s3:ListBucketMultipartUploads} and {@code s3:AbortMultipartUpload}.
     * Uploads still being written by someone are aborted too if they are that old: choose an age
     * longer than your longest write.
     *
     * @return how many uploads were aborted
     * @throws dev.remotestore.UnsupportedCapabilityException if the store is not on S3
     * @throws dev.remotestore.RemoteStoreException mapped as for every S3 call
     */
    public static int abortOlderThan(Store store, Duration olderThan) {
        Objects.requireNonNull(store, "store is null");
        Objects.requireNonNull(olderThan, "olderThan is null");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan is negative");
        }
        S3Client s3 = store.unwrap(S3Client.class);
        String bucket = store.unwrap(S3Config.class).bucket();
        String prefix = store.rootPath().isEmpty() ? "" : store.rootPath() + "/";
        Instant cutoff = Instant.now().minus(olderThan);
        S3IncompleteUploads uploads = new S3IncompleteUploads(s3, bucket);
        int aborted = 0;
        try {
            for (ListMultipartUploadsResponse page : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (MultipartUpload u : page.uploads()) {
                    if (u.initiated() != null && u.initiated().isBefore(cutoff)) {
                        uploads.abort(u);
                        aborted++;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw S3Errors.map("ListMultipartUploads", prefix, e);
        }
        return aborted;
    }

    /**
     * Aborts the uploads of exactly {@code key}, other than {@code keep} (null: none), that hold no
     * part and were initiated since {@code callStartedNanos} ({@link System#nanoTime()}), read on
     * the server's clock. Returns how many; failures are the caller's to attach as suppressed.
     */
    int abortStrays(String key, String keep, long callStartedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - callStartedNanos);
        int aborted = 0;
        try {
            for (ListMultipartUploadsResponse page : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key))) {
                Instant serverNow = page.sdkHttpResponse().firstMatchingHeader("Date").map(S3IncompleteUploads::httpDate)
                        .orElseGet(Instant::now);
                Instant since = serverNow.minus(elapsed).minus(SLACK);
                for (MultipartUpload u : page.uploads()) {
                    if (u.key().equals(key) && !u.uploadId().equals(keep) && u.initiated() != null
                            && !u.initiated().isBefore(since) && hasNoParts(u)) {
                        abort(u);
                        aborted++;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw S3Errors.map("ListMultipartUploads (stray uploads)", key, e);
        }
        if (aborted > 0) {
            LOG.info("aborted {} multipart upload(s) of {} started by attempts of a retried CreateMultipartUpload",
                    aborted, key);
        }
        return aborted;
    }

    private boolean hasNoParts(MultipartUpload u) {
        try {
            return s3.listParts(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()).maxParts(1)).parts().isEmpty();
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e)) {
                return false; // already completed or aborted
            }
            throw e;
        }
    }

    private void abort(MultipartUpload u) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
        } catch (RuntimeException e) {
            if (!S3Errors.isNotFound(e)) {
                throw e;
            }
        }
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
