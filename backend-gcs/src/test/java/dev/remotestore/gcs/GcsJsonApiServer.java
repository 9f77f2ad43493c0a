package dev.remotestore.gcs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small in-test HTTP server that answers the few GCS JSON API requests the backend's read,
 * upload and metadata paths send, the way GCS does; it records every request so tests can assert
 * on what the real google-cloud-storage client put on the wire. One bucket, objects in memory,
 * every write a new generation. Not a GCS emulator: anything else is answered 501.
 *
 * <ul>
 *   <li>objects.get (metadata):
 *       https://cloud.google.com/storage/docs/json_api/v1/objects/get</li>
 *   <li>media download ({@code alt=media}) with {@code Range} (206, or 416 for a range that starts at
 *       or after the end) and {@code ifGenerationMatch} (412 when it is not the live generation):
 *       https://cloud.google.com/storage/docs/json_api/v1/objects/get ,
 *       https://cloud.google.com/storage/docs/xml-api/reference-headers#range ,
 *       https://cloud.google.com/storage/docs/json_api/v1/status-codes</li>
 *   <li>resumable uploads: session start ({@code uploadType=resumable}, answered with the session
 *       URI in {@code Location}), {@code PUT}s with {@code Content-Range}, {@code 308} with
 *       {@code Range: bytes=0-N} while incomplete, {@code 200} with the object when the last byte
 *       arrives: https://cloud.google.com/storage/docs/performing-resumable-uploads ,
 *       https://cloud.google.com/storage/docs/json_api/v1/objects/insert ; the session's
 *       {@code ifGenerationMatch} is checked when the last byte arrives (412 then, and no
 *       object), when GCS creates the object (a session start is not refused by GCS for it,
 *       https://github.com/googleapis/google-cloud-java/issues/201); this server refuses a start
 *       that already fails it too</li>
 * </ul>
 */
final class GcsJsonApiServer implements AutoCloseable {
    static final String BUCKET = "test-bucket";

    /** One request as it arrived. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, long bodyBytes, int status) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean isDownload() {
            return method.equals("GET") && "media".equals(query.get("alt"));
        }

        boolean isMetadataGet() {
            return method.equals("GET") && !isDownload() && path.startsWith("/storage/v1/b/" + BUCKET + "/o/");
        }

        boolean isUploadStart() {
            return method.equals("POST") && "resumable".equals(query.get("uploadType"));
        }

        boolean isMultipartUpload() {
            return method.equals("POST") && "multipart".equals(query.get("uploadType"));
        }

        boolean isList() {
            return method.equals("GET") && path.equals("/storage/v1/b/" + BUCKET + "/o");
        }

        boolean isUploadChunk() {
            return method.equals("PUT") && query.containsKey("upload_id");
        }
    }

    private record StoredObject(long generation, byte[] data, String sha256, long size) {
    }

    private static final class Session {
        final String name;
        final Long ifGenerationMatch; // the session's precondition, checked again when the upload is finalised
        final MessageDigest digest = sha256();
        final ByteArrayOutputStream kept; // null when uploads are discarded (long streams)
        long received;

        Session(String name, Long ifGenerationMatch, boolean keep) {
            this.name = name;
            this.ifGenerationMatch = ifGenerationMatch;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
    private volatile Consumer<Request> beforeDownload = r -> { };
    private volatile Consumer<Request> beforeFinalise = r -> { };
    private final List<String> uploadStartBodies = new CopyOnWriteArrayList<>();
    private volatile boolean keepUploads = true;
    private final AtomicLong failNextChunkKeeping = new AtomicLong(-1);

    GcsJsonApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint to configure. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stores {@code data} at {@code name} as a new generation and returns it. */
    long put(String name, byte[] data) {
        long generation = generations.incrementAndGet();
        objects.put(name, new StoredObject(generation, data.clone(), hex(sha256().digest(data)), data.length));
        return generation;
    }

    long generation(String name) {
        return objects.get(name).generation();
    }

    byte[] data(String name) {
        StoredObject o = objects.get(name);
        return o == null ? null : o.data();
    }

    /** SHA-256 (hex) and size of a stored object, also for uploads that were not kept. */
    String sha256Of(String name) {
        return objects.get(name).sha256();
    }

    long sizeOf(String name) {
        return objects.get(name).size();
    }

    /** Runs {@code hook} before each media download is answered (to land an overwrite in between). */
    void beforeDownload(Consumer<Request> hook) {
        this.beforeDownload = hook;
    }

    /** Runs {@code hook} when the last byte of a resumable upload has arrived, before the object is made. */
    void beforeFinalise(Consumer<Request> hook) {
        this.beforeFinalise = hook;
    }

    /**
     * The next upload {@code PUT} that carries bytes is read to its end, but only its first
     * {@code keep} bytes are persisted and it is answered 503, as GCS may after a failure: the
     * client then asks what was persisted and resends the rest.
     */
    void failNextUploadChunkKeeping(long keep) {
        failNextChunkKeeping.set(keep);
    }

    /** The JSON bodies of the resumable session starts, in order: the object resource the client sent. */
    List<String> uploadStartBodies() {
        return List.copyOf(uploadStartBodies);
    }

    /** Whether uploaded bytes are kept (default) or only hashed, so a long stream costs no memory here. */
    void keepUploads(boolean keep) {
        this.keepUploads = keep;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String method = ex.getRequestMethod();
            Request probe = new Request(method, path, query, headers, 0, 0);
            if (probe.isUploadChunk()) {
                uploadChunk(ex, probe);
            } else if (probe.isMultipartUpload()) {
                multipartUpload(ex, probe);
            } else if (probe.isList()) {
                list(ex, probe);
            } else if (probe.isUploadStart()) {
                uploadStart(ex, probe);
            } else if (probe.isDownload()) {
                download(ex, probe);
            } else if (probe.isMetadataGet()) {
                metadata(ex, probe);
            } else {
                long n = drain(ex.getRequestBody());
                respond(ex, probe, n, 501, "{\"error\":{\"code\":501,\"message\":\"not modelled by the test server\"}}", Map.of());
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void metadata(HttpExchange ex, Request r) throws IOException {
        String name = objectName(r.path(), "/storage/v1/b/" + BUCKET + "/o/");
        StoredObject o = objects.get(name);
        if (o == null) {
            notFound(ex, r);
            return;
        }
        respond(ex, r, 0, 200, objectJson(name, o), Map.of());
    }

    private void download(HttpExchange ex, Request r) throws IOException {
        beforeDownload.accept(r);
        String prefix = r.path().startsWith("/download/") ? "/download/storage/v1/b/" + BUCKET + "/o/" : "/storage/v1/b/" + BUCKET + "/o/";
        String name = objectName(r.path(), prefix);
        StoredObject o = objects.get(name);
        if (o == null) {
            notFound(ex, r);
            return;
        }
        String match = r.query().get("ifGenerationMatch");
        if (match != null && Long.parseLong(match) != o.generation()) {
            respond(ex, r, 0, 412, error(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold."), Map.of());
            return;
        }
        long size = o.data().length;
        long from = 0;
        long to = size - 1;
        String range = r.header("range");
        boolean partial = false;
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
            if (!m.matches()) {
                respond(ex, r, 0, 400, error(400, "invalid", "bad range " + range), Map.of());
                return;
            }
            from = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                to = Math.min(to, Long.parseLong(m.group(2)));
            }
            if (from >= size) {
                respond(ex, r, 0, 416, error(416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied."),
                        Map.of("Content-Range", "bytes */" + size));
                return;
            }
            partial = true;
        }
        int length = (int) (to - from + 1);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-goog-generation", Long.toString(o.generation()));
        h.put("x-goog-stored-content-length", Long.toString(size));
        h.put("Content-Type", "application/octet-stream");
        if (partial) {
            h.put("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        record(r, 0, partial ? 206 : 200);
        h.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(partial ? 206 : 200, length == 0 ? -1 : length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(o.data(), (int) from, length);
        }
    }

    private void uploadStart(HttpExchange ex, Request r) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String name = r.query().get("name");
        if (name == null) {
            Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"").matcher(new String(body, StandardCharsets.UTF_8));
            name = m.find() ? m.group(1) : null;
        }
        if (name == null) {
            respond(ex, r, body.length, 400, error(400, "required", "no object name"), Map.of());
            return;
        }
        String match = r.query().get("ifGenerationMatch");
        if (match != null && !generationMatches(name, Long.parseLong(match))) {
            respond(ex, r, body.length, 412, error(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold."), Map.of());
            return;
        }
        uploadStartBodies.add(new String(body, StandardCharsets.UTF_8));
        String id = "session-" + sessions.size() + "-" + System.nanoTime();
        sessions.put(id, new Session(name, match == null ? null : Long.parseLong(match), keepUploads));
        String location = endpoint() + "/upload/storage/v1/b/" + BUCKET + "/o?uploadType=resumable&upload_id=" + id;
        respond(ex, r, body.length, 200, "", Map.of("Location", location));
    }

    private void multipartUpload(HttpExchange ex, Request r) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(String.valueOf(r.header("content-type")));
        if (!String.valueOf(r.header("content-type")).startsWith("multipart/related") || !b.find()) {
            respond(ex, r, body.length, 400, error(400, "invalid", "expected a multipart/related body"), Map.of());
            return;
        }
        // ISO-8859-1 maps every byte to one char, so the media part's bytes survive the split unchanged.
        if ("gzip".equals(r.header("content-encoding"))) {
            // google-cloud-storage gzips a byte[] upload's request body unless told not to
            // (BlobTargetOption.disableGzipContent; https://github.com/googleapis/java-storage/issues/36),
            // and GCS stores the decoded bytes
            try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        List<String> parts = new ArrayList<>();
        for (String part : text.split(Pattern.quote(delimiter))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd >= 0) {
                String content = part.substring(headersEnd + 4);
                parts.add(content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content);
            }
        }
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"").matcher(parts.isEmpty() ? "" : parts.get(0));
        if (parts.size() != 2 || !m.find()) {
            respond(ex, r, body.length, 400, error(400, "invalid", "expected metadata with a name, then media"), Map.of());
            return;
        }
        String name = new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        String match = r.query().get("ifGenerationMatch");
        if (match != null && !generationMatches(name, Long.parseLong(match))) {
            respond(ex, r, body.length, 412, error(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold."), Map.of());
            return;
        }
        put(name, parts.get(1).getBytes(StandardCharsets.ISO_8859_1));
        respond(ex, r, body.length, 200, objectJson(name, objects.get(name)), Map.of());
    }

    private void list(HttpExchange ex, Request r) throws IOException {
        String prefix = r.query().getOrDefault("prefix", "");
        String delimiter = r.query().get("delimiter");
        String after = r.query().get("pageToken"); // this server's page token: the last name of the previous page
        int max = Integer.parseInt(r.query().getOrDefault("maxResults", "1000"));
        java.util.TreeSet<String> entries = new java.util.TreeSet<>(); // objects and rolled-up prefixes, sorted
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String name : objects.keySet()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            int cut = delimiter == null || delimiter.isEmpty() ? -1 : name.indexOf(delimiter, prefix.length());
            String entry = cut < 0 ? name : name.substring(0, cut + delimiter.length());
            entries.add(entry);
            if (cut >= 0) {
                prefixes.add(entry);
            }
        }
        List<String> items = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        String last = null;
        for (String entry : after == null ? entries : entries.tailSet(after, false)) {
            if (items.size() + folders.size() == max) {
                break;
            }
            if (prefixes.contains(entry)) {
                folders.add("\"" + entry + "\"");
            } else {
                items.add(objectJson(entry, objects.get(entry)));
            }
            last = entry;
        }
        boolean more = last != null && entries.higher(last) != null;
        String json = "{\"kind\":\"storage#objects\"" + (more ? ",\"nextPageToken\":\"" + last + "\"" : "")
                + (folders.isEmpty() ? "" : ",\"prefixes\":[" + String.join(",", folders) + "]")
                + (items.isEmpty() ? "" : ",\"items\":[" + String.join(",", items) + "]") + "}";
        respond(ex, r, 0, 200, json, Map.of());
    }

    private void uploadChunk(HttpExchange ex, Request r) throws IOException {
        Session s = sessions.get(r.query().get("upload_id"));
        if (s == null) {
            long n = drain(ex.getRequestBody());
            respond(ex, r, n, 404, error(404, "notFound", "no such upload session"), Map.of());
            return;
        }
        long n = 0;
        long keep = r.header("content-length") == null || "0".equals(r.header("content-length"))
                ? -1 : failNextChunkKeeping.getAndSet(-1);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = ex.getRequestBody()) {
            for (int k; (k = in.read(buf)) > 0; n += k) {
                int persisted = keep < 0 ? k : (int) Math.max(0, Math.min(k, keep - n));
                s.digest.update(buf, 0, persisted);
                if (s.kept != null) {
                    s.kept.write(buf, 0, persisted);
                }
            }
        }
        if (keep >= 0) {
            s.received += Math.min(n, keep);
            respond(ex, r, n, 503, error(503, "backendError", "injected by the test"), Map.of());
            return;
        }
        s.received += n;
        String contentRange = r.header("content-range");
        Matcher m = Pattern.compile("bytes (?:\\d+-\\d+|\\*)/(\\d+|\\*)").matcher(contentRange == null ? "" : contentRange);
        if (!m.matches()) {
            respond(ex, r, n, 400, error(400, "invalid", "bad Content-Range " + contentRange), Map.of());
            return;
        }
        if (m.group(1).equals("*") || Long.parseLong(m.group(1)) != s.received) {
            // More to come: 308 with the bytes persisted so far (none: no Range header).
            respond(ex, r, n, 308, "", s.received == 0 ? Map.of() : Map.of("Range", "bytes=0-" + (s.received - 1)));
            return;
        }
        sessions.remove(r.query().get("upload_id"));
        beforeFinalise.accept(r);
        // GCS evaluates the precondition when it creates the object, not only when the session starts
        if (s.ifGenerationMatch != null && !generationMatches(s.name, s.ifGenerationMatch)) {
            respond(ex, r, n, 412, error(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold."), Map.of());
            return;
        }
        long generation = generations.incrementAndGet();
        byte[] data = s.kept == null ? new byte[0] : s.kept.toByteArray();
        StoredObject o = new StoredObject(generation, data, hex(s.digest.digest()), s.received);
        objects.put(s.name, o);
        respond(ex, r, n, 200, objectJson(s.name, o), Map.of());
    }

    private boolean generationMatches(String name, long expected) {
        StoredObject o = objects.get(name);
        return expected == 0 ? o == null : o != null && o.generation() == expected;
    }

    private void notFound(HttpExchange ex, Request r) throws IOException {
        respond(ex, r, 0, 404, error(404, "notFound", "No such object: " + BUCKET + "/" + objectName(r.path(), "")), Map.of());
    }

    private void respond(HttpExchange ex, Request r, long bodyBytes, int status, String json, Map<String, String> headers)
            throws IOException {
        record(r, bodyBytes, status);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void record(Request r, long bodyBytes, int status) {
        requests.add(new Request(r.method(), r.path(), r.query(), r.headers(), bodyBytes, status));
    }

    private static String objectJson(String name, StoredObject o) {
        return "{\"kind\":\"storage#object\",\"bucket\":\"" + BUCKET + "\",\"name\":\"" + name + "\",\"id\":\"" + BUCKET + "/" + name
                + "/" + o.generation() + "\",\"generation\":\"" + o.generation() + "\",\"metageneration\":\"1\",\"size\":\"" + o.size()
                + "\",\"contentType\":\"application/octet-stream\",\"timeCreated\":\"2026-11-28T07:00:00.000Z\","
                + "\"updated\":\"2026-11-28T07:00:00.000Z\"}";
    }

    private static String error(int code, String reason, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
                + reason + "\",\"message\":\"" + message + "\"}]}}";
    }

    private static String objectName(String rawPath, String prefix) {
        return URLDecoder.decode(rawPath.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static long drain(InputStream in) throws IOException {
        try (in) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] digest) {
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    static List<Request> only(List<Request> all, Predicate<Request> which) {
        List<Request> out = new ArrayList<>();
        for (Request r : all) {
            if (which.test(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
