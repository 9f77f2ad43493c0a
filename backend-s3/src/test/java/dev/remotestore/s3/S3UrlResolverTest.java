package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.Store;
import dev.remotestore.StoreUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** How s3:// URLs become s3 backend blocks, with the environment injected. */
class S3UrlResolverTest {
    private final S3UrlResolver resolver = new S3UrlResolver();

    private Map<String, Object> resolve(String url, Map<String, String> env) {
        return resolver.resolve(StoreUrl.parse(url), "s3", env::get).options();
    }

    @Test
    void bareUrlLeavesRegionAndCredentialsToTheSdkChains() {
        assertEquals(Map.of("bucket", "raw"), resolve("s3://raw/data.csv", Map.of()));
        assertEquals(Map.of("bucket", "raw", "region", "eu-west-1"),
                resolve("https://raw.s3.eu-west-1.amazonaws.com/data.csv", Map.of("AWS_ACCESS_KEY_ID", "x")));
    }

    @Test
    void serviceEndpointVariableWinsOverTheGlobalOneAndTurnsOnPathStyle() {
        assertEquals(Map.of("bucket", "b", "endpoint", "http://127.0.0.1:9000", "path-style", true),
                resolve("s3://b/k", Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000", "AWS_ENDPOINT_URL", "http://other:1")));
        assertEquals(Map.of("bucket", "b", "endpoint", "http://other:1", "path-style", true),
                resolve("s3://b/k", Map.of("AWS_ENDPOINT_URL", "http://other:1")));
        assertEquals(Map.of("bucket", "b"), resolve("s3://b/k",
                Map.of("AWS_ENDPOINT_URL", "http://other:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));
    }

    @Test
    void urlParametersWinOverTheEnvironment() {
        assertEquals(Map.of("bucket", "b", "endpoint", "http://p:2", "path-style", false, "region", "auto"),
                resolve("s3://b/k?endpoint=http%3A%2F%2Fp%3A2&path-style=false&region=auto",
                        Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")));
        assertThrows(InvalidConfigException.class, () -> resolve("s3://b/k?path-style=yes", Map.of()));
    }

    @Test
    void sameBucketSharesOneClientAndTypeParameterPicksTheBackend() {
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            String base = "s3://shared-bucket/%s?endpoint=http://127.0.0.1:9&region=us-east-1";
            Store a = registry.open(String.format(base, "a/x.csv")).store();
            Store b = registry.openFolder(String.format(base, "other"));
            assertSame(a.unwrap(S3Client.class), b.unwrap(S3Client.class), "one backend, one client, for one bucket and settings");
            Store c = registry.openFolder("s3://another-bucket/?endpoint=http://127.0.0.1:9&region=us-east-1");
            assertNotSame(a.unwrap(S3Client.class), c.unwrap(S3Client.class));
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> registry.open("s3://b/k?type=s3-crt&region=us-east-1"));
            assertTrue(e.getMessage().contains("remote-store-backend-s3-crt"), e.getMessage());
            e = assertThrows(InvalidConfigException.class, () -> registry.open("s3://b/k?type=gcs"));
            assertTrue(e.getMessage().contains("types that can: s3, s3-crt"), e.getMessage());
        }
    }
}
