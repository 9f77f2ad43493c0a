package dev.remotestore.s3crt;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A TCP proxy on 127.0.0.1 (free port) in front of an HTTP/1.1 server that records every
 * request's method, target (path and query) and headers, then forwards the bytes unchanged.
 * It frames requests (Content-Length or chunked bodies) only to find where the next one starts;
 * responses are piped through as they are. Thread-safe; daemon threads; {@link #close()} drops
 * every connection.
 */
final class CountingProxy implements AutoCloseable {
    /** One request as the server received it. Header names are lower case. */
    record Request(String method, String target, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean hasQuery(String param) {
            int q = target.indexOf('?');
            if (q < 0) {
                return false;
            }
            for (String p : target.substring(q + 1).split("&")) {
                if (p.equals(param) || p.startsWith(param + "=")) {
                    return true;
                }
            }
            return false;
        }

        String userAgent() {
            return headers.getOrDefault("user-agent", "");
        }

        @Override
        public String toString() {
            return method + " " + target + " range=" + header("range") + " ua=" + userAgent();
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Request> requests = new ArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CountingProxy(URI upstream) throws IOException {
        this.target = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "counting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The requests recorded so far, in arrival order. */
    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(Predicate<Request> filter) {
        return requests.stream().filter(filter).toList();
    }

    synchronized void clear() {
        requests.clear();
    }

    private synchronized void record(Request r) {
        requests.add(r);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                sockets.add(client);
                sockets.add(upstream);
                daemon(() -> requests(client, upstream), "counting-proxy-up");
                daemon(() -> pipe(upstream, client), "counting-proxy-down");
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void requests(Socket client, Socket upstream) {
        try (InputStream raw = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            InputStream in = new BufferedInputStream(raw, 64 * 1024);
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                if (!readHead(in, head)) {
                    return;
                }
                byte[] headBytes = head.toByteArray();
                Request request = parse(new String(headBytes, StandardCharsets.ISO_8859_1));
                record(request);
                out.write(headBytes);
                out.flush();
                String length = request.header("content-length");
                String encoding = request.header("transfer-encoding");
                if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                    copyChunked(in, out);
                } else if (length != null) {
                    copy(in, out, Long.parseLong(length.trim()));
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // connection closed
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static boolean readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    private static Request parse(String head) {
        String[] lines = head.split("\r\n");
        String[] first = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(first[0], first.length > 1 ? first[1] : "", headers);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new IOException("body ended early");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                // trailers up to the empty line
                String line;
                do {
                    line = readLine(in);
                    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!line.isEmpty());
                return;
            }
            copy(in, out, size);
            String crlf = readLine(in);
            out.write((crlf + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        throw new IOException("stream ended in a line");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // ignore
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
