package dev.remotestore.s3;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.PartSink;
import dev.remotestore.spi.PartedOutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One streaming write to S3 as the SPI's part engine sees it: a write within the threshold is one
 * conditional PutObject on the transport; a larger one is a multipart upload whose
 * CreateMultipartUpload, CompleteMultipartUpload (carrying the precondition, with the lost-answer
 * judgement of {@link S3Uploads}) and AbortMultipartUpload go through the standard client, and
 * whose parts go through the transport (standard client for {@code s3}, CRT for {@code s3-crt}).
 */
public final class S3MultipartWrite implements PartSink<CompletedPart> {
    private final S3Uploads uploads;
    private final S3WriteTransport transport;
    private final String key;
    private final WriteOptions options;
    private String uploadId;

    private S3MultipartWrite(S3Uploads uploads, S3WriteTransport transport, String key, WriteOptions options) {
        this.uploads = Objects.requireNonNull(uploads, "uploads is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.key = Objects.requireNonNull(key, "key is null");
        // one token for the whole write, whichever way it ends: PutObject, or create and complete (adr/0054)
        this.options = S3WriteToken.stamp(Objects.requireNonNull(options, "options is null"));
    }

    /** A streaming write of {@code key} within {@code config}'s multipart limits and memory budget. */
    public static StoreOutputStream open(S3Uploads uploads, S3WriteTransport transport, String key, WriteOptions options,
            S3Config config, long partSize) {
        return new PartedOutputStream<>(new S3MultipartWrite(uploads, transport, key, options), key,
                config.partedWriteLimits(partSize));
    }

    @Override
    public WriteResult putWhole(byte[] data, int length) {
        return transport.putObject(key, data, length, options);
    }

    @Override
    public void start() {
        uploadId = uploads.create(key, options);
    }

    @Override
    public CompletableFuture<CompletedPart> uploadPart(int partNumber, byte[] data, int length) {
        return transport.uploadPart(key, uploadId, partNumber, data, length);
    }

    @Override
    public WriteResult complete(List<CompletedPart> parts) {
        return uploads.complete(key, uploadId, parts, options);
    }

    @Override
    public void abort() {
        uploads.abort(key, uploadId);
    }

    @Override
    public RemoteStoreException partFailed(int partNumber, Throwable failure) {
        return S3Errors.map("UploadPart " + partNumber, key, failure);
    }

    @Override
    public RemoteStoreException failed(Throwable failure) {
        return S3Errors.map("multipart upload", key, failure);
    }
}
