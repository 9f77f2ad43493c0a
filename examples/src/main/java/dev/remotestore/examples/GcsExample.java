package dev.remotestore.examples;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;

/**
 * The quickstart's walk-through on a {@code gcs} store configured from environment variables
 * ({@code gcs-example.conf}), then a look at the native client through {@code unwrap}. Without
 * {@code RS_GCS_BUCKET} it prints how to run it and exits with status 2.
 */
public final class GcsExample {
    private GcsExample() {
    }

    public static void main(String[] args) {
        if (System.getenv("RS_GCS_BUCKET") == null) {
            System.err.println(usage());
            System.exit(2);
        }
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseResources("gcs-example.conf"))) {
            Store store = registry.getStore("data");
            Quickstart.run(store, System.out);
            Storage gcs = store.unwrap(Storage.class);
            Page<Blob> page = gcs.list(System.getenv("RS_GCS_BUCKET"), Storage.BlobListOption.prefix(store.rootPath() + "/"));
            long count = 0;
            for (Blob ignored : page.iterateAll()) {
                count++;
            }
            System.out.println("through the native Storage client: " + count + " object(s) under " + store.rootPath() + "/");
        }
    }

    static String usage() {
        return String.join("\n",
                "RS_GCS_BUCKET is not set. This example writes under remote-store-example/ in a bucket you name.",
                "",
                "Credentials: application default credentials (gcloud auth application-default login, or",
                "GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json), or RS_GCS_CREDENTIALS_FILE=/path/to/key.json.",
                "  export RS_GCS_BUCKET=my-bucket            # optional: RS_GCS_PROJECT, RS_GCS_USER_PROJECT",
                "Then:",
                "  ./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl examples exec:java -Dexample=dev.remotestore.examples.GcsExample");
    }
}
