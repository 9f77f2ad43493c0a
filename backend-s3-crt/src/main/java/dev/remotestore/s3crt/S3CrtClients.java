package dev.remotestore.s3crt;

import dev.remotestore.s3.S3Clients;
import dev.remotestore.s3.S3Config;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;

/**
 * Builds the CRT-based {@link S3AsyncClient} from the same credentials, region, endpoint,
 * addressing, checksums and retries as backend-s3's standard client ({@link S3Clients}), tuned by
 * the {@code crt} block; and the per-request settings the CRT builder cannot take.
 */
final class S3CrtClients {
    private S3CrtClients() {
    }

    static S3AsyncClient crtClient(S3CrtConfig crt) {
        S3Config config = crt.s3();
        S3CrtAsyncClientBuilder builder = S3AsyncClient.crtBuilder()
                .credentialsProvider(S3Clients.credentials(config))
                .forcePathStyle(config.pathStyle())
                .targetThroughputInGbps(crt.targetThroughputGbps())
                .minimumPartSizeInBytes(crt.partSize())
                // multipart.threshold means the same as on s3: larger writes use multipart upload
                .thresholdInBytes(config.multipartThreshold())
                .requestChecksumCalculation(config.checksums() == S3Config.Checksums.WHEN_REQUIRED
                        ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(config.checksums() == S3Config.Checksums.WHEN_REQUIRED
                        ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED)
                // the CRT counts retries, the SDK attempts (the first included)
                .retryConfiguration(r -> r.numRetries(config.maxAttempts() - 1));
        crt.maxConcurrency().ifPresent(builder::maxConcurrency);
        crt.maxNativeMemory().ifPresent(builder::maxNativeMemoryLimitInBytes);
        builder.initialReadBufferSizeInBytes(crt.readAhead());
        config.connectTimeout().ifPresent(t -> builder.httpConfiguration(h -> h.connectionTimeout(t)));
        S3Clients.region(config).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * What every CRT request carries: {@code timeouts.api-call} (the CRT builder has no
     * client-wide override configuration; the SDK layer above the CRT enforces it per call) and,
     * when configured, the plugin that removes {@code Expect: 100-continue}. There is no
     * per-attempt timeout on the CRT: the SDK refuses a request-level one, and the CRT's attempts
     * happen below the SDK, so {@link S3CrtConfig} refuses {@code timeouts.api-call-attempt}.
     */
    static Consumer<AwsRequestOverrideConfiguration.Builder> perRequest(S3CrtConfig crt) {
        S3Config config = crt.s3();
        return o -> {
            config.apiCallTimeout().ifPresent(o::apiCallTimeout);
            if (crt.dropExpectContinue()) {
                o.addPlugin(DropExpectContinue.PLUGIN);
            }
        };
    }
}
