package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What S3Proxy 4.1.0 does for listing, multipart bookkeeping, batch delete, errors,
 * presigned URLs and metadata. Asserts S3Proxy's behaviour; comments say where AWS differs.
 */
class S3ProxyProtocolProbeTest extends S3ProxyProbe {
    void put(String key, byte[] data) {
        s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromBytes(data));
    }

    /** Writes the keys with a few threads: 2,500 sequential PUTs take needlessly long. */
    void putAll(List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (String k : keys) {
                fs.add(pool.submit(() -> put(k, new byte[] {1})));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listObjectsV2PaginatesWithDelimiter() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add(prefix + String.format("f%05d", i));
        }
        for (int i = 0; i < 3; i++) {
            keys.add(prefix + "sub" + i + "/x");
        }
        putAll(keys);

        Set<String> files = new HashSet<>();
        Set<String> folders = new HashSet<>();
        int pages = 0;
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(server.bucket())
                    .prefix(prefix).delimiter("/").maxKeys(1000).continuationToken(t));
            pages++;
            assertTrue(page.keyCount() <= 1000, "page size " + page.keyCount());
            page.contents().forEach(o -> assertTrue(files.add(o.key()), "listed twice: " + o.key()));
            page.commonPrefixes().forEach(p -> folders.add(p.prefix()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        // 2,500 files + 3 common prefixes = 2,503 entries: 3 pages, as on AWS (which counts
        // common prefixes against max-keys too).
        assertEquals(3, pages);
        assertEquals(2500, files.size());
        assertEquals(Set.of(prefix + "sub0/", prefix + "sub1/", prefix + "sub2/"), folders);

        // the SDK paginator gives the same (recursive, no delimiter)
        long all = s3.listObjectsV2Paginator(b -> b.bucket(server.bucket()).prefix(prefix).maxKeys(1000))
                .contents().stream().count();
        assertEquals(2503, all);
    }

    @Test
    void listMultipartUploadsAfterCreateAndAbort() {
        String key = prefix + "up";
        String id = s3.createMultipartUpload(b -> b.bucket(server.bucket()).key(key)).uploadId();
        var listed = s3.listMultipartUploads(b -> b.bucket(server.bucket()).prefix(prefix)).uploads();
        assertEquals(1, listed.size());
        assertEquals(key, listed.get(0).key());
        assertEquals(id, listed.get(0).uploadId());
        s3.abortMultipartUpload(b -> b.bucket(server.bucket()).key(key).uploadId(id));
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(server.bucket()).prefix(prefix)).uploads());
        // aborting again: S3Proxy answers 404 NoSuchUpload, as AWS does
        S3Exception e = assertThrows(S3Exception.class,
                () -> s3.abortMultipartUpload(b -> b.bucket(server.bucket()).key(key).uploadId(id)));
        assertEquals(404, e.statusCode());
        assertEquals("NoSuchUpload", e.awsErrorDetails().errorCode());
    }

    @Test
    void deleteObjectsOfAThousandKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(prefix + "d" + i);
        }
        putAll(keys);
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(server.bucket()).delete(d -> d.objects(ids)));
        assertEquals(List.of(), r.errors());
        assertEquals(1000, r.deleted().size());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix(prefix)).keyCount());
        // 1,001 keys are refused by AWS (MalformedXML); the backend must batch by 1,000.
    }

    @Test
    void missingKeyAndMissingBucket() {
        // HEAD has no body: the SDK turns a 404 into NoSuchKeyException with no error code.
        S3Exception head = assertThrows(S3Exception.class,
                () -> s3.headObject(b -> b.bucket(server.bucket()).key(prefix + "nope")));
        assertInstanceOf(NoSuchKeyException.class, head);
        assertEquals(404, head.statusCode());

        S3Exception get = assertThrows(NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(prefix + "nope")));
        assertEquals("NoSuchKey", get.awsErrorDetails().errorCode());
        // S3Proxy sends a request id (x-amz-request-id) on errors, like AWS.
        assertRequestId(get);

        S3Exception bucket = assertThrows(NoSuchBucketException.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("rs-no-such-bucket").key("k")));
        assertEquals(404, bucket.statusCode());
        assertEquals("NoSuchBucket", bucket.awsErrorDetails().errorCode());
        assertThrows(NoSuchBucketException.class,
                () -> s3.listObjectsV2(b -> b.bucket("rs-no-such-bucket")));
        // HEAD on a missing bucket: a bare 404, indistinguishable from a missing key.
        S3Exception headBucket = assertThrows(S3Exception.class,
                () -> s3.headObject(b -> b.bucket("rs-no-such-bucket").key("k")));
        assertEquals(404, headBucket.statusCode());
    }

    static void assertRequestId(S3Exception e) {
        assertTrue(e.requestId() != null && !e.requestId().isBlank(), "request id of " + e);
        assertTrue(e.getMessage().contains(e.requestId()), e.getMessage());
    }

    @Test
    void wrongSecretIsForbidden() {
        try (S3Client bad = S3ProxyServer.newClient(server.endpoint(), "wrong-secret")) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> bad.getObjectAsBytes(b -> b.bucket(server.bucket()).key(prefix + "k")));
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode()); // same on AWS
            assertFalse(e.getMessage().contains(S3ProxyServer.SECRET_KEY));
            // HEAD with a wrong secret: 403 without a body (no error code), as on AWS
            S3Exception head = assertThrows(S3Exception.class,
                    () -> bad.headObject(b -> b.bucket(server.bucket()).key(prefix + "k")));
            assertEquals(403, head.statusCode());
        }
    }

    @Test
    void presignedGetAndPut() throws Exception {
        String key = prefix + "presigned.txt";
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = server.newPresigner()) {
            URI putUrl = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(server.bucket()).key(key))).url().toURI();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(putUrl)
                    .PUT(HttpRequest.BodyPublishers.ofString("hello presigned")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());

            URI getUrl = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(server.bucket()).key(key))).url().toURI();
            assertTrue(getUrl.getQuery().contains("X-Amz-Signature"), getUrl.toString());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(getUrl).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("hello presigned", get.body());

            // a tampered signature is refused
            URI bad = URI.create(getUrl.toString().replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0".repeat(64)));
            assertEquals(403, http.send(HttpRequest.newBuilder(bad).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void userMetadataAndContentTypeRoundTrip() {
        String key = prefix + "meta.json";
        s3.putObject(b -> b.bucket(server.bucket()).key(key).contentType("application/json")
                        .metadata(Map.of("owner", "alice", "run-id", "42")),
                RequestBody.fromString("{}"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(server.bucket()).key(key));
        assertEquals("application/json", head.contentType());
        assertEquals(Map.of("owner", "alice", "run-id", "42"), head.metadata());
        assertEquals(2L, head.contentLength());
        assertTrue(head.lastModified() != null);
        assertNull(head.versionId(), "no versioning on the bucket");

        // without a content type S3Proxy stores application/octet-stream ... or what the SDK sends
        put(prefix + "plain", new byte[] {1});
        String ct = s3.headObject(b -> b.bucket(server.bucket()).key(prefix + "plain")).contentType();
        assertEquals("application/octet-stream", ct);

        // CopyObject keeps metadata (MetadataDirective COPY by default, as AWS)
        s3.copyObject(b -> b.sourceBucket(server.bucket()).sourceKey(key)
                .destinationBucket(server.bucket()).destinationKey(prefix + "copy.json"));
        HeadObjectResponse copied = s3.headObject(b -> b.bucket(server.bucket()).key(prefix + "copy.json"));
        assertEquals("application/json", copied.contentType());
        assertEquals(Map.of("owner", "alice", "run-id", "42"), copied.metadata());
        assertArrayEquals("{}".getBytes(), s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(prefix + "copy.json")).asByteArray());
    }
}
