package dev.remotestore.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.s3.S3ProxyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricCollector;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The AWS SDK's per-request metrics, bridged into Micrometer. */
class AwsSdkMetricPublisherTest {

    @Test
    void realCallsAgainstS3ProxyAreTimedByServiceOperationAndOutcome() {
        S3ProxyServer server = S3ProxyServer.shared();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String key = S3ProxyServer.uniquePrefix("sdk-metrics") + "/k";
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(S3ProxyServer.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.addMetricPublisher(AwsSdkMetricPublisher.of(meters)))
                .build()) {
            s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromBytes(new byte[100]));
            s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key));
            assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key + "-missing")));
        }
        assertEquals(1, meters.get(AwsSdkMetricPublisher.API_CALL).tags("service", "S3", "operation", "PutObject", "outcome", "success").timer().count());
        assertEquals(1, meters.get(AwsSdkMetricPublisher.API_CALL).tags("service", "S3", "operation", "GetObject", "outcome", "success").timer().count());
        assertEquals(1, meters.get(AwsSdkMetricPublisher.API_CALL).tags("service", "S3", "operation", "GetObject", "outcome", "failure").timer().count());
        assertTrue(meters.get(AwsSdkMetricPublisher.API_CALL).tags("operation", "PutObject").timer().totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(0, meters.get(AwsSdkMetricPublisher.RETRIES).tags("operation", "PutObject").counter().count());
    }

    @Test
    void retriesAndThrottledAttemptsAreCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MetricCollector call = MetricCollector.create("ApiCall");
        call.reportMetric(CoreMetric.SERVICE_ID, "S3");
        call.reportMetric(CoreMetric.OPERATION_NAME, "PutObject");
        call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, true);
        call.reportMetric(CoreMetric.API_CALL_DURATION, Duration.ofMillis(30));
        call.reportMetric(CoreMetric.RETRY_COUNT, 2);
        call.createChild("ApiCallAttempt").reportMetric(CoreMetric.ERROR_TYPE, "Throttling");
        call.createChild("ApiCallAttempt").reportMetric(CoreMetric.ERROR_TYPE, "ServerError");
        call.createChild("ApiCallAttempt");
        AwsSdkMetricPublisher.of(meters).publish(call.collect());

        assertEquals(2, meters.get(AwsSdkMetricPublisher.RETRIES).tags("service", "S3", "operation", "PutObject").counter().count());
        assertEquals(1, meters.get(AwsSdkMetricPublisher.THROTTLED).tags("service", "S3", "operation", "PutObject").counter().count());
        assertEquals(30, meters.get(AwsSdkMetricPublisher.API_CALL).tags("outcome", "success").timer().totalTime(TimeUnit.MILLISECONDS), 0.001);
    }
}
