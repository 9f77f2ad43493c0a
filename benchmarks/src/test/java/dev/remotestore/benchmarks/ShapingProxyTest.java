package dev.remotestore.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shaping proxy forwards every byte unchanged in both directions, and never delivers sooner
 * than its latency and rate allow (lower bounds only: a slow machine may be slower, never faster).
 */
class ShapingProxyTest {
    private ServerSocket echo;
    private Thread echoThread;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the test closed it
            }
        }, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    @Test
    void bytesArriveUnchangedAndNoSoonerThanTheLinkAllows() throws Exception {
        byte[] data = new byte[1024 * 1024];
        new Random(7).nextBytes(data);
        long latencyMs = 10;
        double rateMiB = 8;
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort());
        try (ShapingProxy proxy = new ShapingProxy(target, latencyMs, rateMiB, 4);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    client.getOutputStream().write(data);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            byte[] back = client.getInputStream().readAllBytes();
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            writer.join();
            assertArrayEquals(data, back);
            // 1 MiB at 8 MiB/s is 125 ms one way (the two directions overlap), plus 10 ms each way
            long floor = (long) (1000 / rateMiB) + 2 * latencyMs;
            assertTrue(elapsedMs >= floor, "took " + elapsedMs + " ms, less than the link's " + floor + " ms");
        }
    }

    @Test
    void onlyForwardsToLoopback() {
        assertThrows(IllegalArgumentException.class,
                () -> new ShapingProxy(new InetSocketAddress("192.0.2.1", 80), 10, 40, 4));
    }
}
