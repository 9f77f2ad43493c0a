package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.WriteOptions;
import dev.remotestore.spi.BackendSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;

/**
 * {@code checksums = auto} (the default, adr/0052): over plain HTTP a PutObject is sent with its
 * payload signed chunk by chunk ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: each chunk's
 * signature covers its SHA-256, which the server checks) and without the CRC32 trailer;
 * {@code when-supported} adds the trailer; over HTTPS {@code auto} keeps it, as the payload goes
 * unsigned there. Checked on the wire against a stub server that records each PUT's headers and body.
 */
class S3ChecksumsTest {
    record Put(String contentEncoding, String trailer, String contentSha256, byte[] body) {
    }

    private HttpServer server;
    private final List<Put> puts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("PUT")) {
                var h = exchange.getRequestHeaders();
                puts.add(new Put(h.getFirst("Content-Encoding"), h.getFirst("x-amz-trailer"),
                        h.getFirst("x-amz-content-sha256"), body));
                exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(501, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private S3TestStores stores() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return S3TestStores.on(endpoint, "us-east-1", "bucket", "AKIDEXAMPLE", "stub-secret");
    }

    @Test
    void byDefaultAPutOverHttpSignsItsPayloadWithoutACrc32Trailer() {
        byte[] data = payload(16 * 1024);
        try (S3TestStores.OpenStore s = stores().open()) {
            s.store().write("small.bin", data, WriteOptions.overwrite());
        }
        assertEquals(1, puts.size());
        Put put = puts.get(0);
        assertNull(put.trailer(), "no trailing checksum");
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", put.contentSha256(), "every chunk signed, the body's hash included");
        assertTrue(contains(put.body(), data), "the payload is in the signed chunks");
    }

    @Test
    void whenSupportedStillSendsTheCrc32Trailer() {
        byte[] data = payload(16 * 1024);
        try (S3TestStores.OpenStore s = stores().extra("checksums = when-supported").open()) {
            s.store().write("small.bin", data, WriteOptions.overwrite());
        }
        assertEquals(1, puts.size());
        assertEquals("x-amz-checksum-crc32", puts.get(0).trailer());
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", puts.get(0).contentSha256());
        assertTrue(puts.get(0).contentEncoding().contains("aws-chunked"), puts.get(0).contentEncoding());
    }

    @Test
    void autoKeepsTheChecksumWhereThePayloadGoesUnsigned() {
        assertEquals(RequestChecksumCalculation.WHEN_SUPPORTED, S3Clients.requestChecksums(config("endpoint = \"https://s3.example.com\"")));
        assertEquals(RequestChecksumCalculation.WHEN_SUPPORTED, S3Clients.requestChecksums(config("region = eu-west-1")));
        assertEquals(RequestChecksumCalculation.WHEN_REQUIRED, S3Clients.requestChecksums(config("endpoint = \"http://127.0.0.1:9000\"")));
        assertEquals(RequestChecksumCalculation.WHEN_SUPPORTED,
                S3Clients.requestChecksums(config("endpoint = \"http://127.0.0.1:9000\"\nchecksums = when-supported")));
    }

    private static S3Config config(String block) {
        return S3Config.from(BackendSettings.validate("t", "s3", "remote-store.backends.t",
                ConfigFactory.parseString("bucket = b\n" + block), new S3BackendProvider().schema()));
    }

    private static byte[] payload(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static boolean contains(byte[] body, byte[] data) {
        return new String(body, StandardCharsets.ISO_8859_1).contains(new String(data, StandardCharsets.ISO_8859_1));
    }
}
