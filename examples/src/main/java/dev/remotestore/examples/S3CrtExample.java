package dev.remotestore.examples;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 example on {@code type = s3-crt} ({@code s3-crt-example.conf}: the S3 example's config
 * with only {@code type} changed), then both native clients through {@code unwrap}: the CRT
 * client that carries the data, the standard client that lists. Without {@code RS_S3_BUCKET} it
 * prints how to run it and exits with status 2.
 */
public final class S3CrtExample {
    private S3CrtExample() {
    }

    public static void main(String[] args) {
        if (System.getenv("RS_S3_BUCKET") == null) {
            System.err.println(S3Example.usage().replace("S3Example", "S3CrtExample"));
            System.exit(2);
        }
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseResources("s3-crt-example.conf"))) {
            Store store = registry.getStore("data");
            Quickstart.run(store, System.out);
            S3Client s3 = store.unwrap(S3Client.class);
            long count = s3.listObjectsV2(b -> b.bucket(System.getenv("RS_S3_BUCKET")).prefix(store.rootPath() + "/")).keyCount();
            System.out.println("through the standard S3Client (control path): " + count + " object(s) under "
                    + store.rootPath() + "/");
            S3AsyncClient crt = store.unwrap(S3AsyncClient.class);
            System.out.println("the CRT S3AsyncClient (data path): " + crt.serviceName() + " client "
                    + crt.getClass().getSimpleName());
        }
    }
}
