package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.NotFoundException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of real operations on one backend, read back from a {@link SimpleMeterRegistry}.
 * Subclasses give the backend block; each test works under a fresh root path.
 */
abstract class MetricsContract {
    protected SimpleMeterRegistry meters;
    protected Registry registry;
    protected Store store;

    /** The body of a backend block, e.g. {@code type = memory}. */
    protected abstract String backendBlock();

    protected abstract String backendType();

    @BeforeEach
    void open() {
        meters = new SimpleMeterRegistry();
        String hocon = "remote-store { backends { b { " + backendBlock() + " } }\n"
                + " stores { data { backend = b, root-path = \"m-" + UUID.randomUUID() + "\" } } }";
        registry = Registry.builder().config(ConfigFactory.parseString(hocon))
                .observability(MicrometerObservability.with(meters)).build();
        store = registry.getStore("data");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    protected Timer timer(String operation, String outcome) {
        return meters.find(MeterNames.OPERATION).tags("store", "data", "backend", backendType(),
                "operation", operation, "outcome", outcome).timer();
    }

    protected double bytes(String direction) {
        var c = meters.find(MeterNames.BYTES).tags("store", "data", "backend", backendType(), "direction", direction).counter();
        return c == null ? 0 : c.count();
    }

    protected double active() {
        return meters.get(MeterNames.ACTIVE).tags("store", "data", "backend", backendType()).gauge().value();
    }

    @Test
    void writeAndReadAreTimedWithTheirTagsAndBytes() {
        byte[] data = new byte[16 * 1024];
        new Random(1).nextBytes(data);
        store.write("dir/file.bin", data);
        assertArrayEquals(data, store.readBytes("dir/file.bin"));

        Timer write = timer("write", "success");
        Timer read = timer("read", "success");
        assertNotNull(write, "write timer");
        assertNotNull(read, "read timer");
        assertEquals(1, write.count());
        assertEquals(1, read.count());
        assertTrue(read.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        assertEquals(data.length, bytes("write"));
        assertEquals(data.length, bytes("read"));
    }

    @Test
    void noMeterCarriesAPathAndTagKeysAreBounded() {
        store.write("secret-looking/path-7f3a.txt", new byte[3]);
        store.readBytes("secret-looking/path-7f3a.txt");
        assertThrows(NotFoundException.class, () -> store.getFileInfo("secret-looking/none-9c1d"));
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertFalse(t.getValue().contains("path-7f3a") || t.getValue().contains("none-9c1d") || t.getValue().contains("/"),
                        "a tag carries a path: " + m.getId());
            }
            Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
            // service: the AWS SDK's service id on the aws.sdk.* meters of the S3 backends' clients
            Set<String> allowed = Set.of("store", "backend", "operation", "outcome", "direction", "service");
            assertTrue(allowed.containsAll(keys), m.getId().toString());
        }
    }

    @Test
    void failuresAreTimedUnderTheirErrorType() {
        assertThrows(NotFoundException.class, () -> store.readBytes("missing.bin"));
        assertThrows(NotFoundException.class, () -> store.getFileInfo("missing.bin"));
        assertEquals(1, timer("read", "NotFoundException").count());
        assertEquals(1, timer("get_file_info", "NotFoundException").count());
        assertEquals(null, timer("read", "success"));
        assertEquals(0, active());
    }

    @Test
    void anOpenStreamIsInFlightUntilClosed() throws Exception {
        store.write("s.bin", new byte[100]);
        try (InputStream in = store.read("s.bin")) {
            assertEquals(1, active());
            assertEquals(100, in.readAllBytes().length);
            assertEquals(null, timer("read", "success"), "not timed before it is closed");
        }
        assertEquals(0, active());
        assertEquals(1, timer("read", "success").count());
        assertEquals(100, bytes("read"));
    }

    @Test
    void streamingWriteAndChannelCountTheirBytes() throws Exception {
        try (StoreOutputStream out = store.openOutputStream("o.bin", WriteOptions.createOnly())) {
            out.write(new byte[5000]);
            out.commit();
        }
        try (StoreOutputStream out = store.openOutputStream("abandoned.bin", WriteOptions.createOnly())) {
            out.write(new byte[10]);
        }
        try (SeekableByteChannel ch = store.openChannel("o.bin")) {
            ch.position(1000);
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0 && buf.hasRemaining()) {
                // drain
            }
        }
        assertEquals(1, timer("write", "success").count());
        assertEquals(1, timer("write", "aborted").count());
        assertEquals(5010, bytes("write"), "bytes written to an aborted stream still passed");
        assertEquals(1, timer("open_channel", "success").count());
        assertEquals(4000, bytes("read"));
        assertFalse(store.exists("abandoned.bin"));
    }

    @Test
    void listingsAndMetadataAreTimed() {
        store.write("l/a", new byte[1]);
        store.write("l/b", new byte[1]);
        try (Stream<?> files = store.listFiles("l")) {
            assertEquals(2, files.count());
        }
        assertTrue(store.exists("l/a"));
        store.copy("l/a", "l/c");
        store.delete("l/c");
        assertEquals(1, timer("list_files", "success").count());
        assertEquals(1, timer("exists", "success").count());
        assertEquals(1, timer("copy", "success").count());
        assertEquals(1, timer("delete", "success").count());
        assertEquals(0, active());
    }
}
