package dev.remotestore.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that makes each connection look like one to a real object store: every
 * chunk is delayed by a fixed one-way latency, and each connection, in each direction, is capped at
 * a fixed bandwidth (a serialisation delay per chunk, as a link of that rate imposes). Parallel
 * connections each get the full rate, which is what lets a client with parallel parts win.
 *
 * <p>Bounded: at most {@code --max-connections} at once (more are refused), at most
 * {@link #QUEUE_CHUNKS} chunks of {@link #CHUNK} bytes queued per direction (the reader then
 * blocks, so TCP back-pressure reaches the sender). Self-stopping: it exits after
 * {@code --max-seconds} whatever happens, and on SIGTERM.
 *
 * <pre>java -cp benchmarks.jar dev.remotestore.benchmarks.ShapingProxy --target 127.0.0.1:9000
 *     [--latency-ms 10] [--rate-mib 40] [--port-file FILE] [--max-connections 256] [--max-seconds 1800]</pre>
 */
public final class ShapingProxy implements AutoCloseable {
    static final int CHUNK = 64 * 1024;
    static final int QUEUE_CHUNKS = 64;
    private static final Chunk END = new Chunk(new byte[0], 0, 0);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long latencyNanos;
    private final double bytesPerNano;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ShapingProxy(InetSocketAddress target, long latencyMillis, double rateMiBPerSecond, int maxConnections)
            throws IOException {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the shaping proxy only forwards to loopback, not " + target);
        }
        this.target = target;
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        this.bytesPerNano = rateMiBPerSecond * 1024 * 1024 / 1e9;
        this.maxConnections = maxConnections;
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "shaping-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Connection c = new Connection(client, upstream);
                c.start();
            } catch (IOException e) {
                open.decrementAndGet();
                closeQuietly(client);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.keySet().forEach(ShapingProxy::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private record Chunk(byte[] bytes, int length, long deliverAt) {
    }

    /** One client connection and its upstream twin: two shaped directions. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger directionsOpen = new AtomicInteger(2);

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            sockets.put(client, Boolean.TRUE);
            sockets.put(upstream, Boolean.TRUE);
        }

        void start() throws IOException {
            direction("up", client, upstream);
            direction("down", upstream, client);
        }

        private void direction(String name, Socket from, Socket to) throws IOException {
            BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            Thread reader = new Thread(() -> read(in, queue), "shaping-proxy-" + name + "-read");
            Thread writer = new Thread(() -> write(queue, out, to), "shaping-proxy-" + name + "-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        /** Stamps each chunk with when the shaped link delivers it: after its serialisation, plus latency. */
        private void read(InputStream in, BlockingQueue<Chunk> queue) {
            long linkFreeAt = 0;
            try {
                while (true) {
                    byte[] buffer = new byte[CHUNK];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    long start = Math.max(System.nanoTime(), linkFreeAt);
                    linkFreeAt = start + (long) (n / bytesPerNano);
                    queue.put(new Chunk(buffer, n, linkFreeAt + latencyNanos));
                }
            } catch (IOException e) {
                // the peer went away; end this direction
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void write(BlockingQueue<Chunk> queue, OutputStream out, Socket to) {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == END) {
                        to.shutdownOutput();
                        break;
                    }
                    long wait;
                    while ((wait = chunk.deliverAt() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes(), 0, chunk.length());
                    out.flush();
                }
            } catch (IOException e) {
                closeBoth();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (directionsOpen.decrementAndGet() == 0) {
                closeBoth();
            }
        }

        private void closeBoth() {
            if (sockets.remove(client) != null) {
                open.decrementAndGet();
            }
            sockets.remove(upstream);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    public static void main(String[] args) throws Exception {
        String target = null;
        long latencyMs = 10;
        double rateMiB = 40;
        int maxConnections = 256;
        long maxSeconds = 1800;
        Path portFile = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            switch (args[i]) {
                case "--target" -> target = value;
                case "--latency-ms" -> latencyMs = Long.parseLong(value);
                case "--rate-mib" -> rateMiB = Double.parseDouble(value);
                case "--max-connections" -> maxConnections = Integer.parseInt(value);
                case "--max-seconds" -> maxSeconds = Long.parseLong(value);
                case "--port-file" -> portFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target host:port is required");
        }
        int colon = target.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(target.substring(0, colon)),
                Integer.parseInt(target.substring(colon + 1)));
        ShapingProxy proxy = new ShapingProxy(address, latencyMs, rateMiB, maxConnections);
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "shaping-proxy-stop"));
        System.out.println("shaping proxy on 127.0.0.1:" + proxy.port() + " -> " + target + ", " + latencyMs
                + " ms each way, " + rateMiB + " MiB/s per connection");
        if (portFile != null) {
            Path tmp = Files.createTempFile(portFile.toAbsolutePath().getParent(), "port", ".tmp");
            Files.writeString(tmp, Integer.toString(proxy.port()));
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
        proxy.close();
        System.exit(0);
    }
}
