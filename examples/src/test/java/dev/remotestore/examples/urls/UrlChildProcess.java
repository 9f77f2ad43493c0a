package dev.remotestore.examples.urls;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.StoreLocation;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.examples.UrlCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The program the URL tests run in child JVMs, whose environment the test sets: everything it
 * knows about credentials and endpoints comes from that environment and the URL. Prints its
 * results on stdout; on a store error prints {@code error <type>: <message>} and exits 1.
 *
 * <ul>
 *   <li>{@code write <url> <bytes> <seed>}: writes seeded random bytes, prints {@code sha <hex> <size>};</li>
 *   <li>{@code read <url>}: streams the file, prints {@code sha <hex> <size>};</li>
 *   <li>{@code copy <from> <to>}: {@link UrlCopy};</li>
 *   <li>{@code app <folder-url>}: {@link #app}, the same application code whatever the URL.</li>
 * </ul>
 */
public final class UrlChildProcess {
    static final int BIG = 3 * 1024 * 1024 + 17;

    private UrlChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            switch (args[0]) {
                case "write" -> {
                    StoreLocation at = registry.open(args[1]);
                    try (StoreOutputStream sink = at.store().openOutputStream(at.path(), WriteOptions.overwrite())) {
                        writeSeeded(sink, Long.parseLong(args[2]), Long.parseLong(args[3]));
                        sink.commit();
                    }
                    out.println(sha(at.store().read(at.path())));
                }
                case "read" -> {
                    StoreLocation at = registry.open(args[1]);
                    out.println(sha(at.store().read(at.path())));
                }
                case "copy" -> UrlCopy.copy(registry, args[1], args[2], out);
                case "app" -> app(registry.openFolder(args[1]), out);
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (RemoteStoreException e) {
            out.println("error " + e.getClass().getSimpleName() + ": " + e.getMessage());
            out.flush();
            System.exit(1);
        }
        out.flush();
        System.exit(0); // SDK thread pools must not keep the child alive
    }

    /** Application code that knows nothing of where its store lives. */
    static void app(Store store, PrintStream out) throws IOException {
        store.writeText("a.txt", "alpha\n", WriteOptions.createOnly());
        try {
            store.writeText("a.txt", "again\n", WriteOptions.createOnly());
            out.println("create-only: overwrote!");
        } catch (AlreadyExistsException e) {
            out.println("create-only: refused");
        }
        store.writeText("nested/with space+plus%ü.txt", "nested\n", WriteOptions.createOnly());
        try (StoreOutputStream sink = store.openOutputStream("big.bin", WriteOptions.createOnly())) {
            writeSeeded(sink, BIG, 7);
            sink.commit();
        }
        store.copy("a.txt", "copies/a.txt");
        out.println("big: " + sha(store.read("big.bin")));
        out.println("nested: " + store.readText("nested/with space+plus%ü.txt").trim());
        store.delete("a.txt");
        out.println("a.txt exists: " + store.exists("a.txt"));
        try (Stream<FileInfo> files = store.listFiles("", ListOptions.recursive())) {
            List<String> lines = files.map(f -> f.path() + " " + f.size()).sorted().toList();
            lines.forEach(l -> out.println("file " + l));
        }
    }

    static void writeSeeded(OutputStream sink, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buf = new byte[64 * 1024];
        for (long left = size; left > 0; ) {
            random.nextBytes(buf);
            int n = (int) Math.min(buf.length, left);
            sink.write(buf, 0, n);
            left -= n;
        }
    }

    static String sha(InputStream in) throws IOException {
        try (DigestInputStream d = new DigestInputStream(in, sha256())) {
            long size = d.transferTo(OutputStream.nullOutputStream());
            return "sha " + HexFormat.of().formatHex(d.getMessageDigest().digest()) + " " + size;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
