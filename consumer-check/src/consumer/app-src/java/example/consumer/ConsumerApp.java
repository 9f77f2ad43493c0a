package example.consumer;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A user's application: reads the HOCON file named by its argument, opens store {@code data}
 * and writes, reads, lists and deletes one file. Prints {@code CONSUMER-APP-OK <type>} at the
 * end; any failure ends it with an exception and a non-zero exit.
 */
public final class ConsumerApp {
    private ConsumerApp() {
    }

    public static void main(String[] args) throws Exception {
        String hocon = Files.readString(Path.of(args[0]));
        try (Registry registry = Registry.fromHocon(hocon)) {
            Store store = registry.getStore("data");
            exercise(store);
            System.out.println("CONSUMER-APP-OK " + store.backendType());
        }
    }

    /** Write, read back, list and delete one file; throws on any difference. */
    static void exercise(Store store) {
        String path = "consumer/" + UUID.randomUUID() + ".txt";
        byte[] payload = ("written by a consumer application to " + store.backendType()).getBytes(StandardCharsets.UTF_8);
        store.write(path, payload, WriteOptions.overwrite());
        byte[] back = store.readBytes(path);
        if (!Arrays.equals(payload, back)) {
            throw new IllegalStateException("read back " + back.length + " bytes that differ from the " + payload.length + " written");
        }
        List<String> listed;
        try (Stream<FileInfo> files = store.listFiles("consumer", ListOptions.recursive())) {
            listed = files.map(FileInfo::path).toList();
        }
        if (!listed.contains(path)) {
            throw new IllegalStateException("listing of consumer/ lacks " + path + ": " + listed);
        }
        store.delete(path);
        if (store.isFile(path)) {
            throw new IllegalStateException(path + " still exists after delete");
        }
    }
}
