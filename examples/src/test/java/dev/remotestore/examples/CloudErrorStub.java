package dev.remotestore.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server on loopback that refuses every request the way S3, GCS and Azure refuse a wrong
 * key (403) or a missing bucket / container (404), in each service's own error format; GCS's
 * OAuth token endpoint answers with a token so that requests reach the storage API. It checks
 * nothing: it exists to drive each backend's error path, so that a test can look for secrets in
 * what comes out of it. The bucket or container named {@value #MISSING} is the missing one.
 */
final class CloudErrorStub implements AutoCloseable {
    static final String MISSING = "missing-bucket";

    private final HttpServer server;

    CloudErrorStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean missing = path.contains(MISSING);
            if (path.startsWith("/token")) {
                respond(exchange, 200, "application/json", "{\"access_token\":\"stub-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
            } else if (path.startsWith("/storage/") || path.startsWith("/upload/") || path.startsWith("/batch/")) {
                respond(exchange, missing ? 404 : 403, "application/json", missing
                        ? "{\"error\":{\"code\":404,\"message\":\"The specified bucket does not exist.\",\"errors\":[{\"reason\":\"notFound\"}]}}"
                        : "{\"error\":{\"code\":403,\"message\":\"Access denied.\",\"errors\":[{\"reason\":\"forbidden\"}]}}");
            } else if (exchange.getRequestHeaders().containsKey("x-ms-version")) {
                String code = missing ? "ContainerNotFound" : "AuthenticationFailed";
                exchange.getResponseHeaders().add("x-ms-error-code", code);
                respond(exchange, missing ? 404 : 403, "application/xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code
                        + "</Code><Message>" + (missing ? "The specified container does not exist." : "Server failed to authenticate the request.")
                        + "</Message></Error>");
            } else {
                String code = missing ? "NoSuchBucket" : "SignatureDoesNotMatch";
                respond(exchange, missing ? 404 : 403, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                        + "</Code><Message>" + (missing ? "The specified bucket does not exist"
                                : "The request signature we calculated does not match the signature you provided.")
                        + "</Message><RequestId>stub</RequestId></Error>");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
