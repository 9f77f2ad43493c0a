package dev.remotestore.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients an {@link S3Config} describes. Shared by {@code s3} and {@code s3-crt}
 * (which builds its CRT client from the same credentials, region and endpoint).
 */
public final class S3Clients {
    private S3Clients() {
    }

    /** The standard synchronous client, on the Apache HTTP client. */
    public static S3Client standardClient(S3Config config) {
        // both: the S3 client adds the header to PutObject and UploadPart, the Apache client to any request with a body
        ApacheHttpClient.Builder http = ApacheHttpClient.builder().maxConnections(config.maxConnections())
                .expectContinueEnabled(config.expectContinue());
        config.connectTimeout().ifPresent(http::connectionTimeout);
        config.connectionAcquireTimeout().ifPresent(http::connectionAcquisitionTimeout);
        var builder = S3Client.builder()
                .httpClientBuilder(http)
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyle())
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(config.expectContinue()).build())
                .requestChecksumCalculation(requestChecksums(config))
                .responseChecksumValidation(config.checksums() == S3Config.Checksums.WHEN_REQUIRED
                        ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED)
                .overrideConfiguration(overrides(config));
        region(config).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * When request bodies carry a checksum. {@code auto}: only when required where the endpoint
     * is plain HTTP, because there the SDK signs the payload (SigV4 over each chunk's SHA-256) and
     * the server refuses a body that does not match; a CRC32 trailer on top costs a second pass
     * and the checksum stages for no further check (adr/0052). Over HTTPS the payload goes
     * unsigned, and the CRC32 is its only end-to-end check: sent.
     */
    static RequestChecksumCalculation requestChecksums(S3Config config) {
        return switch (config.checksums()) {
            case WHEN_REQUIRED -> RequestChecksumCalculation.WHEN_REQUIRED;
            case WHEN_SUPPORTED -> RequestChecksumCalculation.WHEN_SUPPORTED;
            case AUTO -> config.endpoint().map(e -> "http".equalsIgnoreCase(e.getScheme())).orElse(false)
                    ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED;
        };
    }

    /** A presigner for the same bucket addressing, credentials, region and endpoint. */
    public static S3Presigner presigner(S3Config config) {
        var builder = S3Presigner.builder()
                .credentialsProvider(credentials(config))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
        region(config).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The credentials: static keys, a named profile, or the SDK's default chain. */
    public static AwsCredentialsProvider credentials(S3Config config) {
        if (config.accessKeyId().isPresent()) {
            String id = config.accessKeyId().get();
            String secret = config.secretAccessKey().orElseThrow().reveal();
            return StaticCredentialsProvider.create(config.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t.reveal()))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        if (config.profile().isPresent()) {
            return ProfileCredentialsProvider.builder().profileName(config.profile().get()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The region: configured, else us-east-1 when an endpoint is set (S3-compatible servers
     * mostly ignore it but SigV4 needs one), else the SDK's own region chain.
     */
    public static java.util.Optional<Region> region(S3Config config) {
        if (config.region().isPresent()) {
            return config.region().map(Region::of);
        }
        return config.endpoint().map(e -> Region.US_EAST_1);
    }

    /** Retries, timeouts and the metric publishers. */
    public static ClientOverrideConfiguration overrides(S3Config config) {
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder().retryStrategy(retryStrategy(config));
        config.metricPublishers().forEach(o::addMetricPublisher);
        config.apiCallTimeout().ifPresent(o::apiCallTimeout);
        config.apiCallAttemptTimeout().ifPresent(o::apiCallAttemptTimeout);
        return o.build();
    }

    private static RetryStrategy retryStrategy(S3Config config) {
        return switch (config.retryMode()) {
            case STANDARD -> AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build();
            case ADAPTIVE -> AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build();
            case LEGACY -> AwsRetryStrategy.legacyRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build();
        };
    }

    /** A description of where the bucket lives, for messages (no credentials). */
    static String describe(S3Config config) {
        return "s3://" + config.bucket() + config.endpoint().map(URI::toString).map(e -> " at " + e).orElse("");
    }
}
