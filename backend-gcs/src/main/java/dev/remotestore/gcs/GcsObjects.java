package dev.remotestore.gcs;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How GCS objects look to the project: the ETag is the object's <em>generation</em> (a number
 * GCS assigns on every write, even of identical bytes), and the write options become generation
 * preconditions ({@code ifGenerationMatch=0} for create-only, {@code ifGenerationMatch=N} for
 * compare-and-swap).
 */
final class GcsObjects {
    private GcsObjects() {
    }

    /**
     * The ETag of an object: its generation in decimal. GCS always returns one; only a test fake
     * may not, and then the ETag is empty (and cannot be passed to {@code ifMatch}).
     */
    static String etag(BlobInfo blob) {
        Long generation = blob.getGeneration();
        return generation == null ? "" : Long.toString(generation);
    }

    /** What the project knows of an object, with {@code key} as its path. */
    static FileInfo fileInfo(String key, BlobInfo blob) {
        String etag = etag(blob);
        return new FileInfo(key,
                blob.getSize() == null ? 0L : blob.getSize(),
                lastModified(blob),
                etag,
                Optional.ofNullable(blob.getContentType()),
                userMetadata(blob),
                etag.isEmpty() ? Optional.empty() : Optional.of(etag));
    }

    /** The result of a write that produced {@code blob}. */
    static WriteResult writeResult(String key, BlobInfo blob) {
        String etag = etag(blob);
        return new WriteResult(key, etag, etag.isEmpty() ? Optional.empty() : Optional.of(etag));
    }

    /** The object to create at {@code key}, with the options' content type and user metadata. */
    static BlobInfo target(String bucket, String key, WriteOptions options) {
        BlobInfo.Builder b = BlobInfo.newBuilder(bucket, key);
        options.contentType().ifPresent(b::setContentType);
        if (!options.metadata().isEmpty()) {
            b.setMetadata(new LinkedHashMap<>(options.metadata()));
        }
        return b.build();
    }

    /** The generation an {@code ifMatch} ETag names; a value that is not one can never match. */
    static long expectedGeneration(String key, WriteOptions options) {
        String etag = options.expectedEtag().orElseThrow();
        try {
            long generation = Long.parseLong(etag);
            if (generation > 0) {
                return generation;
            }
        } catch (NumberFormatException e) {
            // falls through: not a generation
        }
        throw new PreconditionFailedException("the ETag " + etag + " is not a GCS generation, so it matches no object", key);
    }

    /** The precondition (and billing) options of a single-request write. */
    static BlobTargetOption[] targetOptions(String key, WriteOptions options, Optional<String> userProject) {
        List<BlobTargetOption> opts = new ArrayList<>(2);
        switch (options.mode()) {
            case CREATE_ONLY -> opts.add(BlobTargetOption.doesNotExist());
            case IF_MATCH -> opts.add(BlobTargetOption.generationMatch(expectedGeneration(key, options)));
            case OVERWRITE -> {
                // no precondition
            }
        }
        userProject.ifPresent(p -> opts.add(BlobTargetOption.userProject(p)));
        return opts.toArray(new BlobTargetOption[0]);
    }

    /** The precondition (and billing) options of a resumable upload; GCS checks them when it finalises. */
    static BlobWriteOption[] writeOptions(String key, WriteOptions options, Optional<String> userProject) {
        List<BlobWriteOption> opts = new ArrayList<>(2);
        switch (options.mode()) {
            case CREATE_ONLY -> opts.add(BlobWriteOption.doesNotExist());
            case IF_MATCH -> opts.add(BlobWriteOption.generationMatch(expectedGeneration(key, options)));
            case OVERWRITE -> {
                // no precondition
            }
        }
        userProject.ifPresent(p -> opts.add(BlobWriteOption.userProject(p)));
        return opts.toArray(new BlobWriteOption[0]);
    }

    private static Instant lastModified(BlobInfo blob) {
        OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
        if (updated == null) {
            updated = blob.getCreateTimeOffsetDateTime();
        }
        return updated == null ? Instant.EPOCH : updated.toInstant();
    }

    private static Map<String, String> userMetadata(BlobInfo blob) {
        Map<String, String> raw = blob.getMetadata();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> clean = new LinkedHashMap<>();
        // GCS reports a key being removed with a null value; such a key is not there.
        raw.forEach((k, v) -> {
            if (k != null && v != null) {
                clean.put(k, v);
            }
        });
        return clean;
    }
}
