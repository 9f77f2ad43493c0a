package dev.remotestore.s3;

import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Server-side copies: CopyObject up to 5 GiB (one request copies one version), multipart copy
 * ({@code UploadPartCopy}) above, where every part is pinned with
 * {@code x-amz-copy-source-if-match} on the ETag read first, so a concurrent overwrite of the
 * source fails the copy instead of copying a mix. A create-only copy
 * carries {@code If-None-Match: *} on CopyObject or on the multipart completion.
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
        WriteOptions.Mode mode = overwrite ? WriteOptions.Mode.OVERWRITE : WriteOptions.Mode.CREATE_ONLY;
        if (head.contentLength() <= S3Config.MAX_SINGLE_REQUEST_SIZE) {
            CopyObjectRequest.Builder request = CopyObjectRequest.builder()
                    .sourceBucket(bucket).sourceKey(source)
                    .destinationBucket(bucket).destinationKey(target)
                    .metadataDirective(MetadataDirective.COPY);
            if (!overwrite) {
                request.ifNoneMatch("*");
            }
            try {
                CopyObjectResponse response = s3.copyObject(request.build());
                return new WriteResult(target, response.copyObjectResult().eTag(), Optional.ofNullable(response.versionId()));
            } catch (RuntimeException e) {
                throw S3Errors.mapWrite("CopyObject", target, mode, e);
            }
        }
        return multipartCopy(source, target, head, overwrite);
    }

    private WriteResult multipartCopy(String source, String target, HeadObjectResponse head, boolean overwrite) {
        WriteOptions options = overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly();
        if (head.contentType() != null) {
            options = options.withContentType(head.contentType());
        }
        if (!head.metadata().isEmpty()) {
            options = options.withMetadata(head.metadata());
        }
        long size = head.contentLength();
        // at most 10,000 parts, and never below the configured part size
        long part = Math.max(partSize, (size + S3Config.MAX_PARTS - 1) / S3Config.MAX_PARTS);
        String uploadId = uploads.create(target, options);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long from = 0; from < size; from += part, number++) {
                long to = Math.min(size, from + part) - 1;
                int n = number;
                long start = from;
                try {
                    var response = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(source)
                            .copySourceIfMatch(head.eTag()).copySourceRange("bytes=" + start + "-" + to)
                            .destinationBucket(bucket).destinationKey(target).uploadId(uploadId).partNumber(n));
                    parts.add(CompletedPart.builder().partNumber(n).eTag(response.copyPartResult().eTag()).build());
                } catch (RuntimeException e) {
                    throw S3Errors.map("UploadPartCopy " + n, source, e);
                }
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
}
