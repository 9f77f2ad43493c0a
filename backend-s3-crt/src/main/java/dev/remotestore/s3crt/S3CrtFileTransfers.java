package dev.remotestore.s3crt;

import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.s3.S3Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * {@code type = s3-crt}'s file uploads and downloads: the SDK's {@link S3TransferManager} on the
 * backend's CRT client, so that the CRT reads and writes the file itself, in parallel parts, with no
 * part on the Java heap (adr/0038). The SDK (2.56) reaches the CRT's native file I/O only through
 * {@code putObject(request, Path)} and its own file response transformer, and reports progress on
 * them only to a transfer manager's listener; the same calls on {@code AsyncRequestBody.fromFile}
 * or {@code AsyncResponseTransformer.toFile} stream the file through Java instead.
 *
 * <p>Uploads carry the write's precondition on the PutObjectRequest ({@link S3CrtWrites#request}),
 * which the CRT forwards to the multipart completion, and go through {@link S3CrtWrites#send}: a
 * 409 is retried, and uploads left by lost CreateMultipartUpload attempts are swept (adr/0022).
 * The CRT aborts its own upload when a transfer fails. Downloads carry {@code If-Match} with the
 * expected ETag on every ranged GET; a 412, or a file of another size, is a
 * {@link PreconditionFailedException}.
 */
final class S3CrtFileTransfers {
    private final S3CrtWrites writes;
    private final Supplier<S3TransferManager> transferManager;
    private final String bucket;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> perRequest;

    S3CrtFileTransfers(S3CrtWrites writes, Supplier<S3TransferManager> transferManager, String bucket,
            Consumer<AwsRequestOverrideConfiguration.Builder> perRequest) {
        this.writes = writes;
        this.transferManager = transferManager;
        this.bucket = bucket;
        this.perRequest = perRequest;
    }

    WriteResult upload(String key, Path file, WriteOptions options, LongConsumer progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read the local file " + file + ": " + e, key, e);
        }
        PutObjectRequest request = writes.request(key, options, size);
        ProgressBridge bridge = new ProgressBridge(progress, size);
        WriteResult result = writes.send(key, options, size, () -> transferManager.get()
                .uploadFile(UploadFileRequest.builder().putObjectRequest(request).source(file)
                        .addTransferListener(bridge.attempt()).build())
                .completionFuture().thenApply(CompletedFileUpload::response));
        bridge.finish();
        return result;
    }

    void download(String key, FileInfo expected, Path target, LongConsumer progress) {
        ProgressBridge bridge = new ProgressBridge(progress, expected.size());
        DownloadFileRequest request = DownloadFileRequest.builder()
                .getObjectRequest(b -> b.bucket(bucket).key(key).ifMatch(expected.etag()).overrideConfiguration(perRequest))
                .destination(target).addTransferListener(bridge.attempt()).build();
        GetObjectResponse response;
        try {
            response = transferManager.get().downloadFile(request).completionFuture().join().response();
        } catch (RuntimeException e) {
            if (S3Errors.isPreconditionFailed(e)) {
                throw new PreconditionFailedException("the file changed during the download (ETag " + expected.etag()
                        + " no longer matches)", key, e);
            }
            throw S3Errors.map("GetObject", key, e);
        }
        long written;
        try {
            written = Files.size(target);
        } catch (IOException e) {
            throw new RemoteStoreException("cannot read back the downloaded file " + target + ": " + e, key, e);
        }
        if (written != expected.size()) {
            throw new PreconditionFailedException("the file changed during the download: expected " + expected.size()
                    + " bytes, got " + written + " (ETag " + response.eTag() + ")", key);
        }
        bridge.finish();
    }

    /**
     * Turns the transfer manager's cumulative snapshots into increments. Counts never go down and
     * never pass the size, also across a resent upload (a 409), and end exactly at the size.
     */
    static final class ProgressBridge {
        private final LongConsumer progress;
        private final long size;
        private final AtomicLong reported = new AtomicLong();

        ProgressBridge(LongConsumer progress, long size) {
            this.progress = progress;
            this.size = size;
        }

        TransferListener attempt() {
            return new TransferListener() {
                @Override
                public void bytesTransferred(Context.BytesTransferred context) {
                    advanceTo(Math.min(size, context.progressSnapshot().transferredBytes()));
                }
            };
        }

        void advanceTo(long total) {
            long before = reported.getAndAccumulate(total, Math::max);
            if (total > before) {
                progress.accept(total - before);
            }
        }

        /** The transfer succeeded: whatever the last snapshot missed is counted now. */
        void finish() {
            advanceTo(size);
        }
    }
}
