package dev.remotestore.s3;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.RemoteStoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The control path on the standard {@link S3Client}: metadata, listing, deletion and presigned
 * URLs. Shared by {@code s3} and {@code s3-crt}. Folders follow the flat namespace: a folder
 * exists while a key lies under {@code folder + "/"}; zero-byte "folder marker" keys ending in
 * {@code /} written by other tools are not listed as files, and keys ending in {@code /} that
 * hold bytes are reported, counted and deleted with their folder, never listed (adr/0020).
 */
public final class S3ControlPath {
    /** DeleteObjects takes at most this many keys. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ControlPath(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3 is null");
        this.presigner = Objects.requireNonNull(presigner, "presigner is null");
        this.bucket = Objects.requireNonNull(bucket, "bucket is null");
    }

    public String bucket() {
        return bucket;
    }

    /** HEAD of the key; {@code NotFoundException} if missing. */
    public HeadObjectResponse head(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            throw S3Errors.map("HeadObject", key, e);
        }
    }

    /** HEAD of the key, or empty if it is missing. */
    public Optional<HeadObjectResponse> headIfExists(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e) && !isBucketMissing(e)) {
                return Optional.empty();
            }
            throw S3Errors.map("HeadObject", key, e);
        }
    }

    public FileInfo getFileInfo(String key) {
        return info(key, head(key));
    }

    public boolean isFile(String key) {
        return headIfExists(key).isPresent();
    }

    public boolean isFolder(String key) {
        if (key.isEmpty()) {
            return true;
        }
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key + "/").maxKeys(1)).keyCount() > 0;
        } catch (RuntimeException e) {
            throw S3Errors.map("ListObjectsV2", key, e);
        }
    }

    /** Files under the folder, page by page as the stream is consumed. */
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        return S3Listing.files(s3, bucket, folder, recursive);
    }

    /** Direct sub-folders, page by page as the stream is consumed. */
    public Stream<FolderEntry> listFolders(String folder) {
        return S3Listing.folders(s3, bucket, folder);
    }

    /**
     * Deletes the key. S3's DeleteObject succeeds on a missing key, so a HEAD comes first to
     * say whether there was one; the answer is advisory under concurrent writers.
     */
    public boolean delete(String key) {
        if (!isFile(key)) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (RuntimeException e) {
            throw S3Errors.map("DeleteObject", key, e);
        }
    }

    /**
     * Deletes a folder: non-recursive fails if any key lies under it; recursive deletes every key
     * under it with DeleteObjects in batches of 1,000, and reports per-key failures.
     */
    public long deleteFolder(String folder, boolean recursive) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        if (!recursive) {
            List<S3Object> first;
            try {
                first = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(2)).contents();
            } catch (RuntimeException e) {
                throw S3Errors.map("ListObjectsV2", folder, e);
            }
            // the folder's own "folder/" key counts only when it holds bytes (adr/0020)
            Optional<S3Object> content = first.stream().filter(o -> !o.key().equals(prefix) || S3Listing.holdsBytes(o)).findFirst();
            if (content.isPresent()) {
                throw new FolderNotEmptyException("the folder holds files (s3://" + bucket + "/" + content.get().key() + ")",
                        folder);
            }
            return 0;
        }
        long deleted = 0;
        List<ObjectIdentifier> batch = new ArrayList<>(DELETE_BATCH);
        long holdingBytes = 0;
        try (Stream<S3Object> objects = S3Listing.allObjects(s3, bucket, prefix)) {
            for (var it = objects.iterator(); it.hasNext(); ) {
                S3Object o = it.next();
                batch.add(ObjectIdentifier.builder().key(o.key()).build());
                holdingBytes += S3Listing.holdsBytes(o) ? 1 : 0;
                if (batch.size() == DELETE_BATCH) {
                    deleteBatch(folder, batch);
                    deleted += holdingBytes;
                    holdingBytes = 0;
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(folder, batch);
            deleted += holdingBytes;
        }
        return deleted;
    }

    /**
     * Deletes up to 1,000 keys in one request. The caller counts what held data: files, and
     * keys ending in {@code /} with bytes, not the zero-byte folder markers.
     */
    private void deleteBatch(String folder, List<ObjectIdentifier> keys) {
        DeleteObjectsResponse response;
        try {
            response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
        } catch (RuntimeException e) {
            throw S3Errors.map("DeleteObjects", folder, e);
        }
        if (response.hasErrors() && !response.errors().isEmpty()) {
            StringBuilder sb = new StringBuilder("DeleteObjects failed for ").append(response.errors().size()).append(" of ")
                    .append(keys.size()).append(" keys");
            response.errors().stream().limit(10).forEach(
                    (S3Error err) -> sb.append("; ").append(err.key()).append(": ").append(err.code()).append(' ').append(err.message()));
            throw new RemoteStoreException(sb.toString(), folder);
        }
    }

    public URI presignRead(String key, Duration expiry) {
        try {
            return toUri(presigner.presignGetObject(b -> b.signatureDuration(expiry)
                    .getObjectRequest(r -> r.bucket(bucket).key(key))).url(), key);
        } catch (RuntimeException e) {
            throw S3Errors.map("presign GetObject", key, e);
        }
    }

    public URI presignWrite(String key, Duration expiry) {
        try {
            return toUri(presigner.presignPutObject(b -> b.signatureDuration(expiry)
                    .putObjectRequest(r -> r.bucket(bucket).key(key))).url(), key);
        } catch (RuntimeException e) {
            throw S3Errors.map("presign PutObject", key, e);
        }
    }

    /** Checks that the bucket is reachable with these credentials. */
    public void ping() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            throw S3Errors.map("HeadBucket " + bucket, null, e);
        }
    }

    /** The FileInfo of a HEAD response. */
    public static FileInfo info(String key, HeadObjectResponse head) {
        return new FileInfo(key, head.contentLength(), head.lastModified(), head.eTag(),
                Optional.ofNullable(head.contentType()), S3WriteToken.visible(head.metadata()), Optional.ofNullable(head.versionId()));
    }

    private static boolean isBucketMissing(Throwable e) {
        return e instanceof software.amazon.awssdk.services.s3.model.NoSuchBucketException;
    }

    private static URI toUri(java.net.URL url, String key) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new RemoteStoreException("the presigned URL is not a valid URI", key, e);
        }
    }
}
