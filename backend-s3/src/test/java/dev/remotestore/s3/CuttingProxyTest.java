package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The test utility itself: forwards faithfully, cuts exactly the armed response, and only it. */
class CuttingProxyTest {

    @Test
    void forwardsAndCutsTheArmedResponseMidBody() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String key = S3ProxyServer.uniquePrefix("cutting") + "/blob";
        byte[] data = new byte[2 * 1024 * 1024];
        new Random(5).nextBytes(data);
        try (CuttingProxy proxy = CuttingProxy.start(server.port());
                S3Client direct = server.newClient();
                S3Client viaProxy = S3ProxyServer.newClient(proxy.endpoint(), S3ProxyServer.SECRET_KEY)) {
            direct.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromBytes(data));

            // unarmed: whole bodies, HEAD and PUT pass
            assertArrayEquals(data, viaProxy.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).asByteArray());
            assertEquals(data.length, viaProxy.headObject(b -> b.bucket(server.bucket()).key(key)).contentLength());
            viaProxy.putObject(b -> b.bucket(server.bucket()).key(key + "-2"), RequestBody.fromBytes(data));
            assertEquals(0, proxy.cuts());

            AtomicInteger callbacks = new AtomicInteger();
            proxy.cutFirstLargeResponse(1024 * 1024, 300_000, callbacks::incrementAndGet);
            // a HEAD (Content-Length but no body) and small bodies do not match the rule
            viaProxy.headObject(b -> b.bucket(server.bucket()).key(key));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = viaProxy.getObject(b -> b.bucket(server.bucket()).key(key))) {
                assertThrows(IOException.class, () -> in.transferTo(got));
            }
            assertEquals(1, proxy.cuts());
            assertEquals(1, callbacks.get());
            assertEquals(300_000, got.size(), "forwarded exactly cutAfter bytes of the body");
            byte[] prefix = new byte[300_000];
            System.arraycopy(data, 0, prefix, 0, prefix.length);
            assertArrayEquals(prefix, got.toByteArray());

            // only the first matching response is cut
            assertArrayEquals(data, viaProxy.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).asByteArray());
            assertEquals(1, proxy.cuts());
            assertTrue(proxy.responses() >= 6);
        }
    }
}
