package dev.remotestore.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy on 127.0.0.1 (free port) in front of an HTTP/1.1 server that can break a response
 * in the middle of its body: the test arms a {@link Rule}, and the matching response is
 * forwarded up to {@code cutAfter} body bytes, then both connections are dropped, so the client
 * sees a premature end of a Content-Length body (as when a network path fails mid-download).
 *
 * <p>It frames HTTP/1.1 messages in both directions (Content-Length, chunked, HEAD and 1xx
 * responses without bodies) only to know where a response body starts; all bytes are forwarded
 * unchanged. It can also stall: hold back the response to matching requests (the server has
 * acted on them) for a while, then drop the connection ({@link #stallResponses}); and reset: forward
 * only the start of a matching request's body, then reset both connections ({@link #resetRequests}).
 * Requests are matched on their start line, e.g. {@code POST /bucket/key?uploads HTTP/1.1}.
 * Thread-safe: rules may be armed while requests flow. Bounded: at most
 * {@value #MAX_CONNECTIONS} connections at once (further ones are refused); daemon threads;
 * {@link #close()} stops accepting and drops every open connection.
 */
public final class CuttingProxy implements AutoCloseable {
    static final int MAX_CONNECTIONS = 64;

    /**
     * Which responses to cut. A response matches when it is a final (status >= 200) response
     * with a body of at least {@code minBody} bytes (chunked bodies count as large); the
     * {@code nth} matching response after arming is cut after {@code cutAfter} body bytes
     * ({@code nth = 0}: every matching response), with {@code onCut} run just before the drop.
     */
    public record Rule(int nth, long minBody, long cutAfter, Runnable onCut) {
        public Rule {
            if (nth < 0 || minBody < 0 || cutAfter < 0) {
                throw new IllegalArgumentException("negative rule value");
            }
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Rule> rule = new AtomicReference<>();
    private final AtomicInteger matched = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicReference<Predicate<String>> dropNextResponseTo = new AtomicReference<>();
    private final AtomicReference<Fault> stall = new AtomicReference<>();
    private final AtomicReference<Fault> reset = new AtomicReference<>();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicReference<Predicate<String>> stripEtags = new AtomicReference<>();
    private final AtomicInteger stripped = new AtomicInteger();
    private volatile boolean closed;

    /** A fault for the next {@code times} requests whose start line matches. */
    private record Fault(Predicate<String> requestLine, AtomicInteger left, long millis, long bytes) {
        boolean take(String startLine) {
            return requestLine.test(startLine) && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private CuttingProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "cutting-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy forwarding to 127.0.0.1:{@code targetPort}. */
    public static CuttingProxy start(int targetPort) {
        try {
            return new CuttingProxy(targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("could not open the proxy's port", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Arms {@code newRule} (replacing any other); its count of matching responses starts at zero. */
    public void arm(Rule newRule) {
        matched.set(0);
        rule.set(newRule);
    }

    /** Cuts the first response whose body has at least {@code minBody} bytes after {@code cutAfter} bytes. */
    public void cutFirstLargeResponse(long minBody, long cutAfter, Runnable onCut) {
        arm(new Rule(1, minBody, cutAfter, onCut));
    }

    public void disarm() {
        rule.set(null);
        stall.set(null);
        reset.set(null);
    }

    /**
     * For the next {@code times} requests whose start line matches: the request reaches the
     * server, whose response is held back for {@code stallMillis}, then both connections are
     * dropped, so the client never learns what the server did.
     */
    public void stallResponses(Predicate<String> requestLine, int times, long stallMillis) {
        stall.set(new Fault(requestLine, new AtomicInteger(times), stallMillis, 0));
    }

    /**
     * For the next {@code times} requests whose start line matches: {@code afterBodyBytes} of the
     * body are forwarded, then both connections are reset (TCP RST), as when a network path fails
     * during an upload.
     */
    public void resetRequests(Predicate<String> requestLine, int times, long afterBodyBytes) {
        reset.set(new Fault(requestLine, new AtomicInteger(times), 0, afterBodyBytes));
    }

    /**
     * Removes the ETag from the responses to requests whose start line matches: the {@code ETag}
     * header, and {@code <ETag>} elements of small XML bodies (CompleteMultipartUploadResult), as
     * some S3-compatible servers and proxies answer. {@code null} stops it.
     */
    public void stripEtags(Predicate<String> requestLine) {
        stripEtags.set(requestLine);
    }

    /** How many responses lost their ETag so far. */
    public int strippedEtags() {
        return stripped.get();
    }

    /** How many responses were stalled so far. */
    public int stalls() {
        return stalls.get();
    }

    /** How many requests were reset so far. */
    public int resets() {
        return resets.get();
    }

    /** How many responses were cut so far. */
    public int cuts() {
        return cuts.get();
    }

    /** How many requests with this method (e.g. {@code "PUT"}) went to the server so far. */
    public int requests(String method) {
        AtomicInteger n = requests.get(method);
        return n == null ? 0 : n.get();
    }

    /**
     * Drops the next response to a request whose request line (e.g. {@code "POST /b/k?uploadId=1
     * HTTP/1.1"}) matches, before any of it reaches the client, and both connections with it: the
     * server has handled the request, the client never learns how (a lost answer).
     */
    public void dropNextResponseTo(Predicate<String> requestLine) {
        dropNextResponseTo.set(requestLine);
    }

    /** {@link #dropNextResponseTo(Predicate)} for the next request with this method. */
    public void dropNextResponseTo(String method) {
        dropNextResponseTo(line -> line.startsWith(method + " "));
    }

    /** How many final responses went through so far. */
    public int responses() {
        return responses.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    // ---- plumbing --------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                connections.decrementAndGet();
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            Connection c = new Connection(client, upstream);
            start("cutting-proxy-up", c::pumpRequests);
            start("cutting-proxy-down", c::pumpResponses);
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Closes with SO_LINGER 0: the peer sees a reset, not an orderly end. */
    private static void abortive(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Thrown inside a pump to stop after a deliberate cut. */
    private static final class Cut extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
        final AtomicInteger closedSides = new AtomicInteger();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pumpRequests() {
            try (InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024)) {
                OutputStream out = upstream.getOutputStream();
                while (true) {
                    Head head = readHead(in);
                    if (head == null) {
                        break;
                    }
                    String method = head.startLine.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                    requestLines.add(head.startLine);
                    requests.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
                    out.write(head.raw);
                    out.flush();
                    Fault r = reset.get();
                    if (r != null && r.take(head.startLine)) {
                        copyN(in, out, Math.min(r.bytes(), Math.max(0, head.contentLength())), 0, Long.MAX_VALUE, null);
                        out.flush();
                        resets.incrementAndGet();
                        abortive(client);
                        abortive(upstream);
                        break;
                    }
                    copyBody(in, out, head, head.contentLength(), null);
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                finish();
            }
        }

        void pumpResponses() {
            try (InputStream in = new BufferedInputStream(upstream.getInputStream(), 64 * 1024)) {
                OutputStream out = client.getOutputStream();
                while (true) {
                    Head head = readHead(in);
                    if (head == null) {
                        break;
                    }
                    int status = Integer.parseInt(head.startLine.split(" ", 3)[1]);
                    String requestLine = status < 200 ? requestLines.peek() : requestLines.poll();
                    String method = requestLine == null ? null : requestLine.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                    Predicate<String> drop = dropNextResponseTo.get();
                    if (status >= 200 && drop != null && requestLine != null && drop.test(requestLine)
                            && dropNextResponseTo.compareAndSet(drop, null)) {
                        cuts.incrementAndGet();
                        closeQuietly(client);
                        closeQuietly(upstream);
                        throw new Cut();
                    }
                    Fault s = stall.get();
                    if (status >= 200 && requestLine != null && s != null && s.take(requestLine)) {
                        stalls.incrementAndGet();
                        try {
                            Thread.sleep(s.millis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        closeQuietly(client);
                        closeQuietly(upstream);
                        break;
                    }
                    Predicate<String> strip = stripEtags.get();
                    if (status >= 200 && requestLine != null && strip != null && strip.test(requestLine)
                            && !"HEAD".equals(method)) {
                        writeWithoutEtag(in, out, head);
                        responses.incrementAndGet();
                        continue;
                    }
                    out.write(head.raw);
                    out.flush();
                    if (status < 200) {
                        continue; // 100 Continue: the final response follows
                    }
                    responses.incrementAndGet();
                    long length = "HEAD".equals(method) || status == 204 || status == 304 ? 0 : head.contentLength();
                    Rule r = rule.get();
                    Rule cut = null;
                    boolean large = length < 0 && head.chunked() || length >= 0 && length >= (r == null ? 0 : r.minBody());
                    if (r != null && length != 0 && large) {
                        int n = matched.incrementAndGet();
                        if (r.nth() == 0 || n == r.nth()) {
                            cut = r;
                        }
                    }
                    copyBody(in, out, head, length, cut);
                }
            } catch (IOException e) {
                // connection gone, or cut
            } finally {
                finish();
            }
        }

        /** Forwards a response with its ETag header and {@code <ETag>} elements removed; the body is re-framed. */
        private void writeWithoutEtag(InputStream in, OutputStream out, Head head) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long length = head.contentLength();
            if (length < 0 && head.chunked()) {
                copyBody(in, body, head, length, null);
                body = dechunk(body.toByteArray());
            } else if (length > 0) {
                copyN(in, body, length, 0, Long.MAX_VALUE, null);
            }
            String text = body.toString(StandardCharsets.ISO_8859_1).replaceAll("<ETag>[^<]*</ETag>", "");
            StringBuilder headers = new StringBuilder(head.startLine).append("\r\n");
            for (String line : head.headers.split("\r\n")) {
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
                if (!line.isEmpty() && !name.equalsIgnoreCase("etag") && !name.equalsIgnoreCase("content-length")
                        && !name.equalsIgnoreCase("transfer-encoding")) {
                    headers.append(line).append("\r\n");
                }
            }
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            headers.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            out.write(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            stripped.incrementAndGet();
        }

        private ByteArrayOutputStream dechunk(byte[] chunked) throws IOException {
            InputStream in = new java.io.ByteArrayInputStream(chunked);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                long size = sizeLine == null ? 0 : Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
                if (size == 0) {
                    return plain;
                }
                plain.write(in.readNBytes((int) size));
                readLine(in);
            }
        }

        /** Copies one message body; with {@code cut}, stops after cut.cutAfter bytes and drops both sockets. */
        private void copyBody(InputStream in, OutputStream out, Head head, long length, Rule cut) throws IOException {
            long limit = cut == null ? Long.MAX_VALUE : cut.cutAfter();
            long sent = 0;
            if (length < 0 && head.chunked()) {
                while (true) {
                    String sizeLine = readLine(in);
                    if (sizeLine == null) {
                        throw new IOException("eof in chunked body");
                    }
                    long size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
                    byte[] line = (sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    out.write(line);
                    if (size == 0) {
                        String trailer;
                        while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        return;
                    }
                    sent = copyN(in, out, size, sent, limit, cut);
                    readLine(in); // CRLF after the chunk
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            } else if (length < 0) {
                copyN(in, out, Long.MAX_VALUE, 0, limit, cut); // until the server closes
            } else {
                copyN(in, out, length, 0, limit, cut);
            }
            out.flush();
        }

        private long copyN(InputStream in, OutputStream out, long n, long sent, long limit, Rule cut) throws IOException {
            byte[] buf = new byte[32 * 1024];
            long left = n;
            while (left > 0) {
                if (sent >= limit) {
                    doCut(out, cut);
                }
                int want = (int) Math.min(buf.length, Math.min(left, limit - sent));
                int r = in.read(buf, 0, want);
                if (r < 0) {
                    if (n == Long.MAX_VALUE) {
                        return sent;
                    }
                    throw new IOException("eof in body");
                }
                out.write(buf, 0, r);
                left -= r;
                sent += r;
            }
            return sent;
        }

        private void doCut(OutputStream out, Rule cut) throws IOException {
            out.flush();
            cuts.incrementAndGet();
            if (cut.onCut() != null) {
                cut.onCut().run();
            }
            closeQuietly(client);
            closeQuietly(upstream);
            throw new Cut();
        }

        private void finish() {
            if (closedSides.incrementAndGet() == 1) {
                // one direction ended: half-close is not needed for HTTP, drop the pair
                closeQuietly(client);
                closeQuietly(upstream);
                sockets.remove(client);
                sockets.remove(upstream);
                connections.decrementAndGet();
            }
        }
    }

    /** A message's start line and headers, with their raw bytes. */
    private record Head(String startLine, String headers, byte[] raw) {
        long contentLength() {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    return Long.parseLong(line.substring(colon + 1).trim());
                }
            }
            return chunked() ? -1 : (startLine.startsWith("HTTP/") ? -1 : 0);
        }

        boolean chunked() {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")
                        && line.substring(colon + 1).toLowerCase(Locale.ROOT).contains("chunked")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Reads a header block; null at a clean end of stream. */
    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        int matchedEnd = 0;
        while (matchedEnd < 4) {
            int b = in.read();
            if (b < 0) {
                if (raw.size() == 0) {
                    return null;
                }
                throw new IOException("eof in headers");
            }
            raw.write(b);
            if (raw.size() > 64 * 1024) {
                throw new IOException("header block too large");
            }
            matchedEnd = (b == '\r' && (matchedEnd == 0 || matchedEnd == 2)) || (b == '\n' && (matchedEnd == 1 || matchedEnd == 3))
                    ? matchedEnd + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] bytes = raw.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int firstEol = text.indexOf("\r\n");
        return new Head(text.substring(0, firstEol), text.substring(firstEol + 2), bytes);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
            if (sb.length() > 8192) {
                throw new IOException("line too long");
            }
        }
    }
}
