package dev.remotestore.gcs;

import dev.remotestore.FileInfo;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.Store;
import dev.remotestore.StoreLocation;
import java.util.List;

/**
 * The application side of {@link GcsUrlStoreWireTest}, run in a child JVM whose environment the
 * test controls: opens stores by URL only, as a user's program would, and prints one line per
 * result on stdout. Args: bucket, size and seed of the bytes to write.
 */
final class GcsUrlChild {
    private GcsUrlChild() {
    }

    public static void main(String[] args) {
        String bucket = args[0];
        byte[] data = GcsUrlStoreWireTest.bytes(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            StoreLocation written = registry.open("gs://" + bucket + "/dir/file.txt");
            written.store().write(written.path(), data);
            System.out.println("wrote " + GcsUrlStoreWireTest.sha(data) + " at " + written.uri());
            for (String url : List.of("gcs://" + bucket + "/dir/file.txt", "https://storage.googleapis.com/" + bucket + "/dir/file.txt")) {
                StoreLocation at = registry.open(url);
                System.out.println("read " + GcsUrlStoreWireTest.sha(at.store().readBytes(at.path())) + " via " + url);
            }
            Store folder = registry.openFolder("gs://" + bucket + "/dir/");
            try (var files = folder.listFiles("")) {
                files.forEach((FileInfo f) -> System.out.println("file " + f.path() + " " + f.size()));
            }
        }
    }
}
