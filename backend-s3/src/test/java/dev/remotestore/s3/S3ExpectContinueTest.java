package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code expect-continue}: off by default, a PUT carries no {@code Expect: 100-continue} (one
 * round trip less); on, it does. Checked on the wire, against a stub HTTP server that records
 * each PUT's Expect header and body and answers 200 with an ETag.
 */
class S3ExpectContinueTest {
    record Put(String path, String expect, byte[] body) {
    }

    private HttpServer server;
    private final List<Put> puts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("PUT")) {
                puts.add(new Put(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Expect"), body));
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
    void byDefaultAPutSendsItsBodyWithoutWaitingFor100Continue() {
        byte[] data = "no waiting".getBytes(StandardCharsets.UTF_8);
        try (S3TestStores.OpenStore s = stores().open()) {
            s.store().write("a.txt", data, WriteOptions.overwrite());
        }
        assertEquals(1, puts.size());
        assertEquals("/bucket/a.txt", puts.get(0).path());
        assertNull(puts.get(0).expect(), "no Expect header by default");
        assertBodyCarries(data, puts.get(0).body());
    }

    @Test
    void expectContinueTrueAsksForTheGoAhead() {
        byte[] data = "waiting".getBytes(StandardCharsets.UTF_8);
        try (S3TestStores.OpenStore s = stores().extra("expect-continue = true").open()) {
            s.store().write("b.txt", data, WriteOptions.overwrite());
        }
        assertEquals(1, puts.size());
        assertEquals("100-continue", puts.get(0).expect());
        assertBodyCarries(data, puts.get(0).body());
    }

    /** The payload is in the body (aws-chunked frames under checksums = when-supported, as is under auto over HTTP). */
    private static void assertBodyCarries(byte[] data, byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(new String(data, StandardCharsets.ISO_8859_1)), text);
    }
}
