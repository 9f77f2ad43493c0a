package dev.remotestore.s3;

import dev.remotestore.Store;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole Store contract against MinIO in a container. Needs Docker: where there is none
 * (as on this project's build machines) the class is skipped by Testcontainers' detection in
 * well under a second; S3ProxyStoreContractTest runs the same contract without Docker.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MinioStoreContractTest extends S3StoreContractSuite {
    static final String BUCKET = "rs-minio-test";

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-09-07T16-13-09Z");

    private S3TestStores.OpenStore open;

    @BeforeAll
    static void createBucket() {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(MINIO.getS3URL()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Override
    protected Store newStore() {
        open = S3TestStores.on(URI.create(MINIO.getS3URL()), "us-east-1", BUCKET, MINIO.getUserName(), MINIO.getPassword())
                .rootPath(S3ProxyServer.uniquePrefix("minio"))
                .extra("multipart { threshold = 5MiB, part-size = 5MiB }")
                .open();
        return open.store();
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            open.close();
        }
    }
}
