package dev.remotestore.s3;

import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The client that carries a streaming write's bytes ({@link S3MultipartWrite}): a small write as
 * one conditional PutObject, a large one as parts of a multipart upload. {@code s3} sends them on
 * the standard client, {@code s3-crt} on the CRT client; the stream's buffering, bounds,
 * precondition and abort logic are the same for both.
 */
public interface S3WriteTransport {

    /** One conditional PutObject of the first {@code length} bytes of {@code data} (not copied). */
    WriteResult putObject(String key, byte[] data, int length, WriteOptions options);

    /**
     * Sends one part; the array is not copied and must stay unchanged until the future
     * completes. Failures complete the future exceptionally (mapped or native).
     */
    CompletableFuture<CompletedPart> uploadPart(String key, String uploadId, int partNumber, byte[] data, int length);
}
