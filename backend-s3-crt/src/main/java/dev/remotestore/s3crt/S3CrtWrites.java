package dev.remotestore.s3crt;

import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3PartSink;
import dev.remotestore.s3.S3Errors;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * PutObject on the CRT client, which splits a body above the multipart threshold into parts
 * uploaded in parallel. The write's precondition rides on the PutObjectRequest as
 * {@code If-None-Match: *} or {@code If-Match}; the CRT forwards both to the
 * CompleteMultipartUpload of a multipart-sized body, where S3 decides them (proved by
 * S3CrtConditionalMultipartTest). A 409 ConditionalRequestConflict is retried a bounded number of
 * times when the body can be sent again.
 */
final class S3CrtWrites implements S3PartSink {
    static final int CONFLICT_ATTEMPTS = 4;

    private final S3AsyncClient crt;
    private final String bucket;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> perRequest;

    S3CrtWrites(S3AsyncClient crt, String bucket, Consumer<AwsRequestOverrideConfiguration.Builder> perRequest) {
        this.crt = crt;
        this.bucket = bucket;
        this.perRequest = perRequest;
    }

    /** The PutObjectRequest of a write: precondition, content type and metadata. */
    PutObjectRequest request(String key, WriteOptions options, Long contentLength) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentLength(contentLength)
                .overrideConfiguration(perRequest);
        request.contentType(options.contentType().orElse("application/octet-stream"));
        if (!options.metadata().isEmpty()) {
            request.metadata(options.metadata());
        }
        switch (options.mode()) {
            case CREATE_ONLY -> request.ifNoneMatch("*");
            case IF_MATCH -> request.ifMatch(options.expectedEtag().orElseThrow());
            case OVERWRITE -> { }
            default -> throw new IllegalStateException(options.mode().toString());
        }
        return request.build();
    }

    /** Writes the whole array (not copied: the caller must not change it until this returns). */
    WriteResult put(String key, byte[] data, WriteOptions options) {
        PutObjectRequest request = request(key, options, (long) data.length);
        return conditional(key, options, () -> crt.putObject(request, AsyncRequestBody.fromBytesUnsafe(data)));
    }

    @Override
    public WriteResult putObject(String key, byte[] data, int length, WriteOptions options) {
        return put(key, length == data.length ? data : java.util.Arrays.copyOf(data, length), options);
    }

    /** One part of a multipart upload, sent on the CRT client; the array is not copied. */
    @Override
    public CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, byte[] data, int length) {
        return crt.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) length).overrideConfiguration(perRequest),
                        AsyncRequestBody.fromByteBufferUnsafe(java.nio.ByteBuffer.wrap(data, 0, length)))
                .thenApply(r -> CompletedPart.builder().partNumber(partNumber).eTag(r.eTag())
                        .checksumCRC32(r.checksumCRC32()).checksumCRC32C(r.checksumCRC32C())
                        .checksumCRC64NVME(r.checksumCRC64NVME())
                        .checksumSHA1(r.checksumSHA1()).checksumSHA256(r.checksumSHA256()).build());
    }

    static WriteResult result(String key, PutObjectResponse response) {
        return new WriteResult(key, response.eTag(), Optional.ofNullable(response.versionId()));
    }

    private static WriteResult conditional(String key, WriteOptions options,
            Supplier<CompletableFuture<PutObjectResponse>> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return result(key, request.get().join());
            } catch (RuntimeException e) {
                if (S3Errors.isConditionalConflict(e) && attempt < CONFLICT_ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                throw S3Errors.mapWrite("PutObject", key, options.mode(), e);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
