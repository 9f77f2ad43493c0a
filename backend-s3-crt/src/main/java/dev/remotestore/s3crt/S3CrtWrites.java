package dev.remotestore.s3crt;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3Errors;
import dev.remotestore.s3.S3WriteTransport;
import dev.remotestore.s3.S3Uploads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
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
 *
 * <p>Network failures are retried inside the CRT, per request (each part on its own), up to
 * {@code retry.max-attempts} attempts; the SDK layer above it sees one attempt, so its
 * "SDK Attempt Count: 1" in a failure's message does not count the CRT's retries, and the mapped
 * error says how many attempts the CRT was allowed. A response without an ETag is completed
 * with a HEAD ({@link S3Uploads#result}).
 */
final class S3CrtWrites implements S3WriteTransport {
    static final int CONFLICT_ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(S3CrtWrites.class);

    private final S3AsyncClient crt;
    private final String bucket;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> perRequest;
    private final S3Uploads uploads;
    private final int maxAttempts;
    private final long threshold;
    private final AtomicBoolean sweepStrays = new AtomicBoolean(true);

    S3CrtWrites(S3AsyncClient crt, String bucket, Consumer<AwsRequestOverrideConfiguration.Builder> perRequest,
            S3Uploads uploads, int maxAttempts, long threshold) {
        this.crt = crt;
        this.bucket = bucket;
        this.perRequest = perRequest;
        this.uploads = uploads;
        this.maxAttempts = maxAttempts;
        this.threshold = threshold;
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
        return send(key, options, data.length, () -> crt.putObject(request, AsyncRequestBody.fromBytesUnsafe(data)));
    }

    /**
     * Sends a PutObject of {@code length} bytes that {@code request} can send again (a 409 is
     * retried), and above the threshold, where the CRT runs a multipart upload of its own, sweeps
     * the uploads its lost CreateMultipartUpload attempts left (adr/0022). For byte writes and
     * file uploads alike.
     */
    WriteResult send(String key, WriteOptions options, long length,
            Supplier<CompletableFuture<PutObjectResponse>> request) {
        if (length <= threshold) {
            return conditional(key, options, request);
        }
        long started = System.nanoTime(); // multipart inside the CRT
        WriteResult result;
        try {
            result = conditional(key, options, request);
        } catch (RuntimeException e) {
            abortStrays(key, started);
            throw e;
        }
        if (abortStrays(key, started) > 0 && !uploads.exists(key)) {
            // a server that does not keep uploads of one key apart (S3Mock 5.2.0) drops the object
            // with the stray: say so rather than report a write that is gone
            throw new BackendUnavailableException("the write completed, but this server removed the object when an"
                    + " upload left by a lost CreateMultipartUpload attempt was aborted; write again", key);
        }
        return result;
    }

    /**
     * The CRT starts the multipart upload of a large body itself and retries a CreateMultipartUpload
     * whose answer was lost, leaving the lost attempt's upload behind, unseen by us. After the
     * write, uploads of exactly this key begun during it that hold no part are aborted (adr/0022).
     * Best effort: the write's outcome stands; without {@code s3:ListBucketMultipartUploads} the
     * sweep stops for this backend after one WARN.
     */
    private int abortStrays(String key, long started) {
        if (!sweepStrays.get()) {
            return 0;
        }
        try {
            return uploads.abortStrays(key, started);
        } catch (PermissionDeniedException e) {
            if (sweepStrays.getAndSet(false)) {
                LOG.warn("cannot list multipart uploads ({}); uploads left by retried CRT requests are not aborted:"
                        + " add s3:ListBucketMultipartUploads or a lifecycle rule (README, type = s3-crt)", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("looking for uploads of {} left by retried CRT requests failed: {}", key, e.toString());
        }
        return 0;
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
                        .checksumSHA1(r.checksumSHA1()).checksumSHA256(r.checksumSHA256()).build())
                .handle((part, failure) -> {
                    if (failure != null) {
                        String operation = "UploadPart " + partNumber;
                        throw withCrtAttempts(operation, S3Errors.map(operation, key, failure), key);
                    }
                    return part;
                });
    }

    private WriteResult conditional(String key, WriteOptions options,
            Supplier<CompletableFuture<PutObjectResponse>> request) {
        PutObjectResponse response;
        for (int attempt = 1; ; attempt++) {
            try {
                response = request.get().join();
                break;
            } catch (RuntimeException e) {
                if (S3Errors.isConditionalConflict(e) && attempt < CONFLICT_ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                throw withCrtAttempts("PutObject", S3Errors.mapWrite("PutObject", key, options.mode(), e), key);
            }
        }
        return uploads.result(key, response.eTag(), response.versionId());
    }

    /** A network failure's message names the CRT's attempts, which the SDK's own count leaves out. */
    private RemoteStoreException withCrtAttempts(String operation, RemoteStoreException e, String key) {
        if (e instanceof BackendUnavailableException && e.getCause() instanceof SdkClientException) {
            return new BackendUnavailableException(operation + " failed: " + e.getCause().getMessage()
                    + "; the CRT client made up to " + maxAttempts + " attempts (retry.max-attempts), which the SDK's"
                    + " attempt count leaves out", key, e.getCause());
        }
        return e;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
