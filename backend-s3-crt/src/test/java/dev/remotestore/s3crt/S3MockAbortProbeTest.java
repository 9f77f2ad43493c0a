package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.s3.S3ProxyServer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Pins what S3Mock 5.2.0 does when one of several multipart uploads of the same key is aborted:
 * it does not keep uploads apart by id. Aborting one upload empties the others' parts, and
 * aborting an upload of a key whose other upload was just completed deletes the object. (S3 and
 * S3Proxy keep uploads apart.) This is why the stray-upload tests of adr/0022 cannot run on it.
 * If this probe starts failing, S3Mock fixed it: enable those tests on S3Mock.
 */
class S3MockAbortProbeTest {
    static final String BUCKET = S3MockServer.BUCKET;
    static S3Client s3;
    static byte[] data = new byte[5 << 20];

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.newClient(S3MockServer.shared().endpoint(), S3MockServer.SECRET_KEY);
        new Random(1).nextBytes(data);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void abortingOneUploadOfAKeyEmptiesTheOthersParts() {
        String key = S3ProxyServer.uniquePrefix("s3mock-abort") + "/k.bin";
        String stray = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String kept = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(kept).partNumber(1), RequestBody.fromBytes(data));
        assertEquals(1, s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(kept)).parts().size());
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(stray));
        assertEquals(0, s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(kept)).parts().size(),
                "S3Mock 5.2.0 dropped the other upload's part");
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(kept));
    }

    @Test
    void abortingAnUploadOfAJustCompletedKeyDeletesTheObject() {
        String key = S3ProxyServer.uniquePrefix("s3mock-abort") + "/done.bin";
        String stray = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String done = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(done).partNumber(1), RequestBody.fromBytes(data))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(done)
                .multipartUpload(m -> m.parts(List.of(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(stray));
        boolean exists;
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            exists = true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            exists = false;
        }
        assertEquals(false, exists, "S3Mock 5.2.0 deleted the completed object");
    }
}
