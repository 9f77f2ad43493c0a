package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.DownloadOptions;
import dev.remotestore.contract.TransferFiles;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * The {@code s3} file path really runs parts side by side: an interceptor on the backend's client
 * counts the UploadPart and ranged GetObject requests in flight at once. 40 MiB in 5 MiB parts,
 * 4 in flight (the default): never more than 4, and more than 1 at some point.
 */
class S3FileTransferParallelTest {
    static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    static final class InFlight implements ExecutionInterceptor {
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger maxParts = new AtomicInteger();
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger maxGets = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                maxParts.accumulateAndGet(parts.incrementAndGet(), Math::max);
            } else if (context.request() instanceof GetObjectRequest) {
                maxGets.accumulateAndGet(gets.incrementAndGet(), Math::max);
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            done(context.request());
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            done(context.request());
        }

        private void done(Object request) {
            if (request instanceof UploadPartRequest) {
                parts.decrementAndGet();
            } else if (request instanceof GetObjectRequest) {
                gets.decrementAndGet();
            }
        }
    }

    @Test
    void partsAndRangesGoSideBySideWithinTheBound() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        InFlight counter = new InFlight();
        S3Config config = S3Config.builder().bucket(server.bucket()).endpoint(server.endpoint()).pathStyle(true)
                .multipartThreshold(5 * MIB).partSize(5 * MIB).maxPartsInFlight(4).build();
        S3Client client = S3Client.builder().endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
                .forcePathStyle(true).overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        String root = S3ProxyServer.uniquePrefix("file-parallel");
        try (S3Backend backend = S3Backend.withClients(config, client, server.newPresigner())) {
            Store store = Store.of("parallel", backend, root);
            Path source = TransferFiles.write(dir.resolve("source.bin"), 40 * MIB, 40);
            store.upload(source, "f.bin", WriteOptions.overwrite());
            Path target = dir.resolve("target.bin");
            store.download("f.bin", target, DownloadOptions.createOnly());
            assertEquals(TransferFiles.sha256(source), TransferFiles.sha256(target));
            store.deleteFolder("", true);
        }
        assertTrue(counter.maxParts.get() > 1 && counter.maxParts.get() <= 4, "parts in flight: " + counter.maxParts.get());
        assertTrue(counter.maxGets.get() > 1 && counter.maxGets.get() <= 4, "GETs in flight: " + counter.maxGets.get());
    }
}
