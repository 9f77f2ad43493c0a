package dev.remotestore.s3;

import dev.remotestore.Store;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole Store contract against a live S3 (AWS or any S3-compatible server) chosen by the
 * environment; runs only when {@code RS_S3_BUCKET} is set.
 *
 * <ul>
 *   <li>{@code RS_S3_BUCKET}: an existing bucket the credentials may write to (required);</li>
 *   <li>{@code RS_S3_ENDPOINT}: an S3-compatible endpoint (path-style is then used); absent: AWS;</li>
 *   <li>{@code RS_S3_REGION}: default us-east-1;</li>
 *   <li>{@code RS_S3_KEY} / {@code RS_S3_SECRET}: static credentials; absent: the SDK's default chain.</li>
 * </ul>
 *
 * Everything is written under {@code remote-store-test/<run id>/<test>/} and deleted after each
 * test. Path fuzzing is reduced: 10,000 PUTs to a remote bucket cost minutes and money.
 */
@Tag("live-cloud")
@EnabledIfEnvironmentVariable(named = "RS_S3_BUCKET", matches = ".+")
class EnvS3StoreContractTest extends S3StoreContractSuite {
    private static final String RUN = "remote-store-test/" + UUID.randomUUID().toString().substring(0, 12);

    private S3TestStores.OpenStore open;

    @Override
    protected Store newStore() {
        String endpoint = env("RS_S3_ENDPOINT");
        String region = env("RS_S3_REGION");
        open = S3TestStores.on(endpoint == null ? null : URI.create(endpoint),
                        region == null ? "us-east-1" : region,
                        env("RS_S3_BUCKET"), env("RS_S3_KEY"), env("RS_S3_SECRET"))
                .rootPath(RUN + "/" + S3ProxyServer.uniquePrefix("env"))
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

    @Override
    protected int fuzzIterations() {
        return 500;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }
}
