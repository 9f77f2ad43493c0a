package dev.remotestore.local;

import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.nio.file.Path;

/**
 * The child process of {@link LocalCrashLeftoversTest}: starts a streaming write to a local
 * store and keeps it going, slowly, until it is killed. Prints {@code WRITING} once bytes are in
 * its temp file. Arguments: the root folder and the key.
 */
public final class SlowLocalWriter {
    static final String READY = "WRITING";

    private SlowLocalWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Store store = Store.of("crash", LocalBackend.create(Path.of(args[0])));
        byte[] chunk = new byte[64 * 1024];
        StoreOutputStream out = store.openOutputStream(args[1], WriteOptions.overwrite());
        out.write(chunk);
        out.flush();
        System.out.println(READY);
        System.out.flush();
        for (long deadline = System.nanoTime() + 120_000_000_000L; System.nanoTime() < deadline; ) {
            Thread.sleep(20);
            out.write(chunk);
            out.flush(); // into the temp file now, so the kill lands mid-write
        }
        System.exit(3); // never committed: the parent kills us long before
    }
}
