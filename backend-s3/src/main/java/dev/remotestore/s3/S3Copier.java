package dev.remotestore.s3;

import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Server-side copies. An overwriting copy up to 5 GiB is one CopyObject (which copies one
 * version). A create-only copy, and any copy above 5 GiB, is a multipart copy: UploadPartCopy
 * parts pinned to the source's ETag with {@code x-amz-copy-source-if-match}, then
 * CompleteMultipartUpload carrying {@code If-None-Match: *} when create-only. CopyObject also
 * takes {@code If-None-Match} on AWS, but S3-compatible servers (S3Proxy 4.1.0 among them)
 * ignore it there and overwrite, while they honour it on the completion: one mechanism that is a
 * real precondition everywhere beats a faster one that silently is not.
 */
final class S3Copier {
    private final S3Client s3;
    private final String bucket;
    private final S3ControlPath control;
    private final S3Uploads uploads;
    private final long partSize;

    S3Copier(S3Client s3, String bucket, S3ControlPath control, S3Uploads uploads, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.control = control;
        this.uploads = uploads;
        this.partSize = partSize;
    }

    WriteResult copy(String source, String target, boolean overwrite) {
        HeadObjectResponse head = control.head(source);
        if (!overwrite || head.contentLength() > S3Config.MAX_SINGLE_REQUEST_SIZE) {
            return multipartCopy(source, target, head, overwrite);
        }
        CopyObjectRequest request = CopyObjectRequest.builder()
                .sourceBucket(bucket).sourceKey(source)
                .destinationBucket(bucket).destinationKey(target)
                .metadataDirective(MetadataDirective.COPY).build();
        try {
            CopyObjectResponse response = s3.copyObject(request);
            return uploads.result(target, response.copyObjectResult() == null ? null : response.copyObjectResult().eTag(),
                    response.versionId());
        } catch (RuntimeException e) {
            throw S3Errors.map("CopyObject", target, e);
        }
    }

    private WriteResult multipartCopy(String source, String target, HeadObjectResponse head, boolean overwrite) {
        WriteOptions options = overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly();
        if (head.contentType() != null) {
            options = options.withContentType(head.contentType());
        }
        Map<String, String> metadata = S3WriteToken.visible(head.metadata()); // the source's token is not this write's
        if (!metadata.isEmpty()) {
            options = options.withMetadata(metadata);
        }
        options = S3WriteToken.stamp(options);
        long size = head.contentLength();
        // at most 10,000 parts, and never below the configured part size
        long part = Math.max(partSize, (size + S3Config.MAX_PARTS - 1) / S3Config.MAX_PARTS);
        String uploadId = uploads.create(target, options);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            if (size <= S3Config.MAX_SINGLE_REQUEST_SIZE) {
                parts.add(copyPart(source, target, head, uploadId, 1, null));
                return uploads.complete(target, uploadId, parts, options);
            }
            int number = 1;
            for (long from = 0; from < size; from += part, number++) {
                long to = Math.min(size, from + part) - 1;
                parts.add(copyPart(source, target, head, uploadId, number, "bytes=" + from + "-" + to));
            }
            return uploads.complete(target, uploadId, parts, options);
        } catch (RuntimeException e) {
            try {
                uploads.abort(target, uploadId);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** One UploadPartCopy of {@code range} (the whole source when null), pinned to the source's ETag. */
    private CompletedPart copyPart(String source, String target, HeadObjectResponse head, String uploadId, int number,
            String range) {
        try {
            var response = s3.uploadPartCopy(b -> {
                b.sourceBucket(bucket).sourceKey(source).copySourceIfMatch(head.eTag())
                        .destinationBucket(bucket).destinationKey(target).uploadId(uploadId).partNumber(number);
                if (range != null) {
                    b.copySourceRange(range);
                }
            });
            return CompletedPart.builder().partNumber(number).eTag(response.copyPartResult().eTag()).build();
        } catch (RuntimeException e) {
            if (S3Errors.isPreconditionFailed(e)) {
                throw new dev.remotestore.PreconditionFailedException(
                        "the source changed while it was being copied", source, e);
            }
            throw S3Errors.map("UploadPartCopy " + number, source, e);
        }
    }
}
