package dev.remotestore.benchmarks;

import dev.remotestore.s3crt.DropExpectContinue;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The peers our stores are measured against, each built as an application would build it, with
 * no tuning: the sync {@link S3Client} (Apache HTTP client, {@code Expect: 100-continue}, the
 * SDK's checksums: PERFORMANCE.md's 1.0×), the CRT-based {@link S3AsyncClient}, and
 * {@link S3TransferManager} on that CRT client. The CRT requests drop {@code Expect:
 * 100-continue}, which S3Proxy's Jetty mishandles on CreateMultipartUpload (shared/TESTING.md),
 * exactly as the {@code s3-crt} store does here.
 */
final class Peers {
    static final java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> CRT_REQUEST =
            o -> o.addPlugin(DropExpectContinue.PLUGIN);

    private Peers() {
    }

    static S3Client syncClient(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build();
    }

    static S3AsyncClient crtClient(URI endpoint) {
        return S3AsyncClient.crtBuilder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build();
    }

    static S3TransferManager transferManager(S3AsyncClient crt) {
        return S3TransferManager.builder().s3Client(crt).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(BenchEnv.ACCESS_KEY, BenchEnv.SECRET_KEY));
    }
}
