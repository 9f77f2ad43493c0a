package dev.remotestore.s3;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The write requests, with the write's precondition attached where S3 decides it: PutObject and
 * CompleteMultipartUpload carry {@code If-None-Match: *} (create-only) or {@code If-Match}
 * (compare-and-swap). A 409 ConditionalRequestConflict (another conditional write raced this
 * one) is retried a bounded number of times, then raised as a failed precondition. Public for
 * {@code s3-crt}, whose streaming writes start, complete and abort their uploads here.
 */
public final class S3Uploads {
    static final int CONFLICT_ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(S3Uploads.class);

    private final S3Client s3;
    private final String bucket;
    private final S3ConditionalOutcome outcomes;
    private final S3IncompleteUploads strays;

    public S3Uploads(S3Client s3, String bucket) {
        this(s3, bucket, 5);
    }

    /** {@code maxAttempts}: how often a conditional write whose answer was lost may be sent (retry.max-attempts). */
    public S3Uploads(S3Client s3, String bucket, int maxAttempts) {
        this.s3 = s3;
        this.bucket = bucket;
        this.outcomes = new S3ConditionalOutcome(s3, bucket, maxAttempts);
        this.strays = new S3IncompleteUploads(s3, bucket);
    }

    /** One PutObject of {@code length} bytes of {@code data}. The array is not copied. */
    WriteResult put(String key, byte[] data, int length, WriteOptions options) {
        RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                options.contentType().orElse("application/octet-stream"));
        return put(key, body, length, options, () -> S3ConditionalOutcome.putEtag(data, length));
    }

    /**
     * One PutObject of a body of {@code length} bytes that the SDK may read more than once (a
     * repeatable content provider or a file). {@code ours} gives the ETag the object gets if the
     * write lands; it is asked only after a conditional write lost its answer.
     */
    WriteResult put(String key, RequestBody body, long length, WriteOptions unstamped, Supplier<String> ours) {
        WriteOptions options = S3WriteToken.stamp(unstamped);
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length);
        options.contentType().ifPresent(request::contentType);
        if (!options.metadata().isEmpty()) {
            request.metadata(options.metadata());
        }
        switch (options.mode()) {
            case CREATE_ONLY -> request.ifNoneMatch("*");
            case IF_MATCH -> request.ifMatch(options.expectedEtag().orElseThrow());
            case OVERWRITE -> { }
            default -> throw new IllegalStateException(options.mode().toString());
        }
        if (options.mode() == WriteOptions.Mode.OVERWRITE) {
            PutObjectResponse response = conditional("PutObject", key, options, () -> s3.putObject(request.build(), body));
            return result(key, response.eTag(), response.versionId());
        }
        // a lost answer is judged from the object's state instead of resending the body (S3ConditionalOutcome)
        PutObjectRequest built = request.overrideConfiguration(S3ConditionalOutcome.SINGLE_ATTEMPT).build();
        return outcomes.run("PutObject", key, options, ours, () -> {
            PutObjectResponse response = s3.putObject(built, body);
            return result(key, response.eTag(), response.versionId());
        }, head -> new WriteResult(key, head.eTag(), Optional.ofNullable(head.versionId())));
    }

    /**
     * Starts a multipart upload carrying the content type and metadata; returns its id. When an
     * attempt of the call failed on the connection (a timeout or a drop: the server may have
     * started an upload whose id never reached us) the uploads that attempt left are aborted
     * ({@link S3IncompleteUploads#abortStrays}), whether a retry then succeeded or not. Best effort:
     * if that look fails, a successful create still stands (logged as WARN).
     */
    public String create(String key, WriteOptions options) {
        if (options.mode() != WriteOptions.Mode.OVERWRITE && S3WriteToken.of(options) == null) {
            throw new IllegalArgumentException("a conditional multipart upload needs options with a write token"
                    + " (S3WriteToken.stamp), the same for create and complete");
        }
        AttemptCounter attempts = new AttemptCounter();
        CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .overrideConfiguration(o -> o.addPlugin(attempts));
        options.contentType().ifPresent(request::contentType);
        if (!options.metadata().isEmpty()) {
            request.metadata(options.metadata());
        }
        long started = System.nanoTime();
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(request.build()).uploadId();
        } catch (RuntimeException e) {
            RemoteStoreException failure = S3Errors.map("CreateMultipartUpload", key, e);
            if (attempts.lostAnswers() > 0) {
                try {
                    strays.abortStrays(key, null, started);
                } catch (RuntimeException suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            throw failure;
        }
        if (attempts.lostAnswers() > 0) {
            try {
                strays.abortStrays(key, uploadId, started);
            } catch (RuntimeException e) {
                // the write itself can go on; what is left is the lifecycle rule's (README)
                LOG.warn("could not look for uploads of {} left by a retried CreateMultipartUpload: {}", key, e.toString());
            }
        }
        return uploadId;
    }

    /**
     * Aborts the uploads of exactly {@code key} initiated since {@code callStartedNanos} that hold
     * no part: for {@code s3-crt}, whose CRT client starts and retries the uploads of byte writes
     * out of our sight. Returns how many.
     */
    public int abortStrays(String key, long callStartedNanos) {
        return strays.abortStrays(key, null, callStartedNanos);
    }

    /** Whether an object exists at {@code key} now (a HEAD). */
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e)) {
                return false;
            }
            throw S3Errors.map("HeadObject", key, e);
        }
    }

    /**
     * Counts the attempts of one call that were sent but got no answer (a timeout or a dropped
     * connection): the SDK calls {@code beforeTransmission} for every attempt and
     * {@code afterTransmission} only for those answered. Added as a request-level plugin, so its
     * interceptor sees that one call alone.
     */
    private static final class AttemptCounter implements SdkPlugin, ExecutionInterceptor {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();

        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            S3ServiceClientConfiguration.Builder s3 = (S3ServiceClientConfiguration.Builder) config;
            s3.overrideConfiguration(s3.overrideConfiguration().toBuilder().addExecutionInterceptor(this).build());
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.incrementAndGet();
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            answered.incrementAndGet();
        }

        int lostAnswers() {
            return sent.get() - answered.get();
        }
    }

    /** Uploads one part; the array is not copied. */
    CompletedPart uploadPart(String key, String uploadId, int partNumber, byte[] data, int length) {
        return uploadPart(key, uploadId, partNumber, RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(data, 0, length), length, "application/octet-stream"), length);
    }

    /** Uploads one part from a body the SDK may read more than once. */
    CompletedPart uploadPart(String key, String uploadId, int partNumber, RequestBody body, long length) {
        try {
            var response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                    .contentLength(length), body);
            return CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32()).checksumCRC32C(response.checksumCRC32C())
                    .checksumCRC64NVME(response.checksumCRC64NVME())
                    .checksumSHA1(response.checksumSHA1()).checksumSHA256(response.checksumSHA256()).build();
        } catch (RuntimeException e) {
            throw S3Errors.map("UploadPart " + partNumber, key, e);
        }
    }

    /** Completes the upload under the write's precondition: the object appears here, or not at all. */
    public WriteResult complete(String key, String uploadId, List<CompletedPart> parts, WriteOptions options) {
        Consumer<CompleteMultipartUploadRequest.Builder> request = b -> {
            b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts));
            switch (options.mode()) {
                case CREATE_ONLY -> b.ifNoneMatch("*").overrideConfiguration(S3ConditionalOutcome.SINGLE_ATTEMPT);
                case IF_MATCH -> b.ifMatch(options.expectedEtag().orElseThrow()).overrideConfiguration(S3ConditionalOutcome.SINGLE_ATTEMPT);
                default -> { }
            }
        };
        if (options.mode() == WriteOptions.Mode.OVERWRITE) {
            CompleteMultipartUploadResponse response = conditional("CompleteMultipartUpload", key, options,
                    () -> s3.completeMultipartUpload(request));
            return result(key, response.eTag(), response.versionId());
        }
        // a lost answer is judged from the object's state: a retried completion of a landed upload may be refused
        return outcomes.run("CompleteMultipartUpload", key, options, () -> S3ConditionalOutcome.multipartEtag(parts), () -> {
            CompleteMultipartUploadResponse response = s3.completeMultipartUpload(request);
            return result(key, response.eTag(), response.versionId());
        }, head -> new WriteResult(key, head.eTag(), Optional.ofNullable(head.versionId())));
    }

    /**
     * The result of a write that the server acknowledged. Some S3-compatible servers and proxies
     * omit the ETag from a PutObject or CompleteMultipartUpload response; it is then read with a
     * HEAD of the written version ({@code versionId} when the server reported one, else the
     * current object, which a concurrent overwrite in between could have replaced).
     */
    public WriteResult result(String key, String etag, String versionId) {
        if (etag != null && !etag.isEmpty()) {
            return new WriteResult(key, etag, Optional.ofNullable(versionId));
        }
        try {
            String headEtag = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId)).eTag();
            if (headEtag == null || headEtag.isEmpty()) {
                throw new dev.remotestore.RemoteStoreException("the write succeeded but the server reports no ETag for it,"
                        + " neither in its response nor on HEAD", key);
            }
            return new WriteResult(key, headEtag, Optional.ofNullable(versionId));
        } catch (RuntimeException e) {
            throw S3Errors.map("HeadObject (the write's ETag)", key, e);
        }
    }

    /** Aborts the upload; failures are reported to the caller to attach as suppressed. */
    public void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            if (!S3Errors.isNotFound(e)) {
                throw S3Errors.map("AbortMultipartUpload", key, e);
            }
        }
    }

    private static <T> T conditional(String operation, String key, WriteOptions options, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (S3Errors.isConditionalConflict(e) && attempt < CONFLICT_ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                throw S3Errors.mapWrite(operation, key, options.mode(), e);
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
