package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What S3Proxy 4.1.0 (in-memory store) really does for the conditional requests the {@code s3}
 * backend relies on: create-only and compare-and-swap writes, conditional multipart commits,
 * conditional copies and pinned reads. Each test asserts S3Proxy's behaviour and says where
 * AWS S3 differs. The other half of the probe is {@link S3ProxyProtocolProbeTest}.
 */
class S3ProxyCapabilityProbeTest extends S3ProxyProbe {
    static final int MIB = 1024 * 1024;

    // ---- helpers ---------------------------------------------------------------------------

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    String put(String key, byte[] data) {
        PutObjectResponse r = s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromBytes(data));
        return r.eTag();
    }

    byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).asByteArray();
    }

    static S3Exception expectS3(int status, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode(), () -> "status of " + e);
        return e;
    }

    /** Starts a two-part multipart upload (5 MiB + 1 KiB) of {@code key} and returns its parts. */
    record Upload(String uploadId, List<CompletedPart> parts) {}

    Upload twoPartUpload(String key, long seed) {
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> b.bucket(server.bucket()).key(key));
        String id = created.uploadId();
        byte[] p1 = bytes(5 * MIB, seed);
        byte[] p2 = bytes(1024, seed + 1);
        String e1 = s3.uploadPart(b -> b.bucket(server.bucket()).key(key).uploadId(id).partNumber(1),
                RequestBody.fromBytes(p1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(server.bucket()).key(key).uploadId(id).partNumber(2),
                RequestBody.fromBytes(p2)).eTag();
        return new Upload(id, List.of(
                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build()));
    }

    int openUploads(String keyPrefix) {
        return s3.listMultipartUploads(b -> b.bucket(server.bucket()).prefix(keyPrefix)).uploads().size();
    }

    // ---- PutObject -------------------------------------------------------------------------

    @Test
    void putIfNoneMatchStarIsCreateOnly() {
        String key = prefix + "a";
        put(key, new byte[] {1});
        // Same on AWS: 412 PreconditionFailed. (AWS may also answer 409 ConditionalRequestConflict
        // when a concurrent write to the key is in flight; S3Proxy never does.)
        S3Exception e = expectS3(412, () -> s3.putObject(
                b -> b.bucket(server.bucket()).key(key).ifNoneMatch("*"), RequestBody.fromBytes(new byte[] {2})));
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        assertArrayEquals(new byte[] {1}, get(key), "the failed create-only put changed nothing");

        // on a missing key it succeeds
        s3.putObject(b -> b.bucket(server.bucket()).key(prefix + "new").ifNoneMatch("*"),
                RequestBody.fromBytes(new byte[] {3}));
        assertArrayEquals(new byte[] {3}, get(prefix + "new"));
    }

    @Test
    void putIfMatchIsCompareAndSwap() {
        String key = prefix + "cas";
        String etag1 = put(key, new byte[] {1});
        String etag2 = s3.putObject(b -> b.bucket(server.bucket()).key(key).ifMatch(etag1),
                RequestBody.fromBytes(new byte[] {2})).eTag();
        assertNotEquals(etag1, etag2);
        assertArrayEquals(new byte[] {2}, get(key));

        // stale ETag: 412, content unchanged (same on AWS)
        S3Exception e = expectS3(412, () -> s3.putObject(b -> b.bucket(server.bucket()).key(key).ifMatch(etag1),
                RequestBody.fromBytes(new byte[] {3})));
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        assertArrayEquals(new byte[] {2}, get(key));
    }

    @Test
    void putIfMatchOnMissingKey() {
        // 404 NoSuchKey, as on AWS (not 412): a CAS write onto a missing key must be mapped to
        // "precondition failed" by the backend, not to "not found".
        S3Exception e = expectS3(404, () -> s3.putObject(
                b -> b.bucket(server.bucket()).key(prefix + "missing").ifMatch("\"0123456789abcdef0123456789abcdef\""),
                RequestBody.fromBytes(new byte[] {1})));
        assertEquals("NoSuchKey", e.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> get(prefix + "missing"));
    }

    @Test
    void putIfMatchFailingWithALargeBodyIsRefusedOneWayOrAnother() {
        // S3Proxy may answer a failed If-Match PUT before it has read a body of a few MiB and
        // close the connection: depending on timing the client sees the 412 or "Broken pipe"
        // (SdkClientException after the SDK's retries). AWS answers 412. Either way the object
        // must be unchanged: that is what this asserts.
        String key = prefix + "big-cas";
        put(key, new byte[] {1});
        byte[] big = bytes(4 * MIB, 11);
        try (S3Client fresh = server.newClient()) {
            expectS3(412, () -> fresh.putObject(b -> b.bucket(server.bucket()).key(key).ifNoneMatch("*"),
                    RequestBody.fromBytes(big)));
            RuntimeException e = assertThrows(RuntimeException.class, () -> fresh.putObject(
                    b -> b.bucket(server.bucket()).key(key).ifMatch("\"0123456789abcdef0123456789abcdef\""),
                    RequestBody.fromBytes(big)));
            assertTrue(e instanceof SdkClientException || (e instanceof S3Exception s && s.statusCode() == 412),
                    "expected a 412 or a broken connection, got " + e);
        }
        assertArrayEquals(new byte[] {1}, get(key));
    }

    // ---- CompleteMultipartUpload -----------------------------------------------------------

    @Test
    void completeMultipartIfNoneMatchStarOntoExistingKey() {
        String key = prefix + "mpu";
        put(key, new byte[] {1});
        Upload up = twoPartUpload(key, 7);
        S3Exception e = expectS3(412, () -> s3.completeMultipartUpload(b -> b.bucket(server.bucket()).key(key)
                .uploadId(up.uploadId()).ifNoneMatch("*")
                .multipartUpload(CompletedMultipartUpload.builder().parts(up.parts()).build())));
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        assertArrayEquals(new byte[] {1}, get(key), "the old object survives");
        // The failed complete leaves the upload open (same on AWS): the backend must abort it.
        assertEquals(1, openUploads(key));
        s3.abortMultipartUpload(b -> b.bucket(server.bucket()).key(key).uploadId(up.uploadId()));
        assertEquals(0, openUploads(key));

        // onto a missing key it completes; the ETag is the multipart form "<md5-of-md5s>-2" (as AWS)
        String fresh = prefix + "mpu-new";
        Upload up2 = twoPartUpload(fresh, 8);
        String etag = s3.completeMultipartUpload(b -> b.bucket(server.bucket()).key(fresh)
                .uploadId(up2.uploadId()).ifNoneMatch("*")
                .multipartUpload(CompletedMultipartUpload.builder().parts(up2.parts()).build())).eTag();
        assertTrue(etag.endsWith("-2\""), etag);
        assertEquals(5 * MIB + 1024, get(fresh).length);
    }

    @Test
    void completeMultipartIfMatch() {
        String key = prefix + "mpu-cas";
        String etag = put(key, new byte[] {1});
        Upload stale = twoPartUpload(key, 9);
        expectS3(412, () -> s3.completeMultipartUpload(b -> b.bucket(server.bucket()).key(key)
                .uploadId(stale.uploadId()).ifMatch("\"0123456789abcdef0123456789abcdef\"")
                .multipartUpload(CompletedMultipartUpload.builder().parts(stale.parts()).build())));
        assertArrayEquals(new byte[] {1}, get(key));
        s3.abortMultipartUpload(b -> b.bucket(server.bucket()).key(key).uploadId(stale.uploadId()));

        Upload ok = twoPartUpload(key, 10);
        s3.completeMultipartUpload(b -> b.bucket(server.bucket()).key(key)
                .uploadId(ok.uploadId()).ifMatch(etag)
                .multipartUpload(CompletedMultipartUpload.builder().parts(ok.parts()).build()));
        assertEquals(5 * MIB + 1024, get(key).length);
        assertEquals(0, openUploads(key));
    }

    // ---- CopyObject ----------------------------------------------------------------------

    @Test
    void copyObjectIgnoresIfNoneMatchOnTheDestination() {
        // SDK 2.56's CopyObjectRequest has destination ifMatch/ifNoneMatch (besides the
        // copySourceIf* source conditions), and AWS S3 honours them: If-None-Match: * onto an
        // existing key answers 412 (409 ConditionalRequestConflict under a concurrent write).
        // S3PROXY 4.1.0 IGNORES THEM: its handleCopyBlob only reads x-amz-copy-source-if-*,
        // so the "conditional" copy silently overwrites. A create-only copy that relies on
        // CopyObject If-None-Match is not enforced by S3Proxy.
        String src = prefix + "src";
        String dst = prefix + "dst";
        put(src, new byte[] {1});
        put(dst, new byte[] {2});
        s3.copyObject(b -> b.sourceBucket(server.bucket()).sourceKey(src)
                .destinationBucket(server.bucket()).destinationKey(dst).ifNoneMatch("*"));
        assertArrayEquals(new byte[] {1}, get(dst), "S3Proxy replaced the destination despite If-None-Match: *");

        // the source precondition (copySourceIfMatch) IS honoured: stale ETag -> 412, as on AWS
        S3Exception e = expectS3(412, () -> s3.copyObject(b -> b.sourceBucket(server.bucket()).sourceKey(src)
                .destinationBucket(server.bucket()).destinationKey(prefix + "dst2")
                .copySourceIfMatch("\"0123456789abcdef0123456789abcdef\"")));
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> get(prefix + "dst2"));
    }

    @Test
    void copyObjectIgnoresIfMatchOnTheDestination() {
        // AWS: 412 for a destination If-Match that does not match. S3Proxy: ignored, copies.
        String src = prefix + "src";
        String dst = prefix + "dst";
        put(src, new byte[] {1});
        put(dst, new byte[] {2});
        s3.copyObject(b -> b.sourceBucket(server.bucket()).sourceKey(src)
                .destinationBucket(server.bucket()).destinationKey(dst)
                .ifMatch("\"0123456789abcdef0123456789abcdef\""));
        assertArrayEquals(new byte[] {1}, get(dst));
    }

    // ---- DeleteObject ----------------------------------------------------------------------

    @Test
    void deleteObjectIfMatch() {
        // S3Proxy honours If-Match on DeleteObject (AWS does too, on general purpose buckets
        // since 2024): a stale ETag answers 412 and the object stays.
        String key = prefix + "del";
        String etag = put(key, new byte[] {1});
        expectS3(412, () -> s3.deleteObject(b -> b.bucket(server.bucket()).key(key)
                .ifMatch("\"0123456789abcdef0123456789abcdef\"")));
        assertArrayEquals(new byte[] {1}, get(key));
        s3.deleteObject(b -> b.bucket(server.bucket()).key(key).ifMatch(etag));
        assertThrows(NoSuchKeyException.class, () -> get(key));
    }

    // ---- GetObject -------------------------------------------------------------------------

    @Test
    void getIfMatchAfterTheObjectChanged() {
        String key = prefix + "pinned";
        String etag1 = put(key, bytes(1000, 1));
        put(key, bytes(1000, 2));
        // Same on AWS: 412 PreconditionFailed. This is what makes a resumed read safe.
        S3Exception e = expectS3(412, () -> s3.getObjectAsBytes(
                b -> b.bucket(server.bucket()).key(key).ifMatch(etag1).range("bytes=500-")));
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
    }

    @Test
    void getRangeStartingPastTheEnd() {
        String key = prefix + "short";
        put(key, bytes(100, 3));
        // Same on AWS: 416 InvalidRange.
        S3Exception e = expectS3(416, () -> s3.getObjectAsBytes(
                b -> b.bucket(server.bucket()).key(key).range("bytes=100-")));
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
        // a range that overlaps the end is clipped (as on AWS)
        byte[] tail = s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key).range("bytes=90-199")).asByteArray();
        assertEquals(10, tail.length);
    }

    @Test
    void etagOfIdenticalBytesIsTheSame() {
        // Single-part ETags are the hex MD5 of the content, as on AWS (without SSE-KMS): two PUTs
        // of the same bytes have the same ETag, so an ETag does not tell two writes apart.
        byte[] data = bytes(4096, 4);
        String e1 = put(prefix + "x", data);
        String e2 = put(prefix + "x", data);
        String e3 = put(prefix + "y", data);
        assertEquals(e1, e2);
        assertEquals(e1, e3);
        assertTrue(e1.matches("\"[0-9a-f]{32}\""), e1);
    }

    @Test
    void aKeyEndingInSlashLosesItsBytes() {
        // AWS, MinIO and S3Mock store bytes under "name/" like under any key. S3Proxy 4.1.0's
        // nio2blob stores make such a key a directory: the PUT is acknowledged with the empty
        // body's MD5 and the bytes are gone, so the s3 backend's handling of such keys
        // (adr/0020) is tested on S3Mock.
        String key = prefix + "data/";
        String etag = put(key, "payload".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", etag, "the MD5 of zero bytes");
        assertEquals(0, get(key).length);
        assertEquals(0L, s3.headObject(b -> b.bucket(server.bucket()).key(key)).contentLength());
    }
}
