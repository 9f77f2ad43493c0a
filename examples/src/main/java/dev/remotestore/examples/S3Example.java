package dev.remotestore.examples;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The quickstart's walk-through on an {@code s3} store configured from environment variables
 * ({@code s3-example.conf}), then a look at the native client through {@code unwrap}. Without
 * {@code RS_S3_BUCKET} it prints how to run it and exits with status 2.
 */
public final class S3Example {
    private S3Example() {
    }

    public static void main(String[] args) {
        if (System.getenv("RS_S3_BUCKET") == null) {
            System.err.println(usage());
            System.exit(2);
        }
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseResources("s3-example.conf"))) {
            Store store = registry.getStore("data");
            Quickstart.run(store, System.out);
            S3Client s3 = store.unwrap(S3Client.class);
            long count = s3.listObjectsV2(b -> b.bucket(System.getenv("RS_S3_BUCKET")).prefix(store.rootPath() + "/")).keyCount();
            System.out.println("through the native S3Client: " + count + " object(s) under " + store.rootPath() + "/");
        }
    }

    static String usage() {
        return String.join("\n",
                "RS_S3_BUCKET is not set. This example writes under remote-store-example/ in a bucket you name.",
                "",
                "Against MinIO (docker run -p 9000:9000 minio/minio server /data; create the bucket first):",
                "  export RS_S3_BUCKET=test RS_S3_ENDPOINT=http://127.0.0.1:9000 RS_S3_PATH_STYLE=true \\",
                "         RS_S3_KEY=minioadmin RS_S3_SECRET=minioadmin",
                "Against AWS (credentials from the SDK's default chain: env, ~/.aws, instance role):",
                "  export RS_S3_BUCKET=my-bucket RS_S3_REGION=eu-west-1",
                "Then:",
                "  ./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl examples exec:java -Dexample=dev.remotestore.examples.S3Example");
    }
}
