package dev.remotestore.gcs;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.contract.StoreContractSuite;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole Store contract, every test enabled (including those the fake cannot check, listed in
 * {@link FakeGcsStoreContractTest#LIVE_GCS_ONLY}), against a real bucket chosen by the
 * environment; skipped unless {@code RS_GCS_BUCKET} is set.
 *
 * <ul>
 *   <li>{@code RS_GCS_BUCKET}: an existing bucket the credentials may write to (required);</li>
 *   <li>{@code GOOGLE_APPLICATION_CREDENTIALS}: a service-account key file (then signed URLs are
 *       tested too); absent: the other application default credentials;</li>
 *   <li>{@code RS_GCS_PROJECT}: optional project id.</li>
 * </ul>
 *
 * Everything is written under {@code remote-store-test/<run id>/<test id>/} through a registry
 * built from HOCON, as users do, and deleted after each test. Path fuzzing is reduced: 10,000
 * uploads to a remote bucket cost minutes and money.
 */
@Tag("live-cloud")
@EnabledIfEnvironmentVariable(named = "RS_GCS_BUCKET", matches = ".+")
class EnvGcsStoreContractTest extends StoreContractSuite {
    private static final String RUN = "remote-store-test/" + UUID.randomUUID().toString().substring(0, 12);

    private Registry registry;

    @Override
    protected Store newStore() {
        String project = System.getenv("RS_GCS_PROJECT");
        String hocon = "remote-store {\n"
                + "  backends.live { type = gcs, bucket = \"" + System.getenv("RS_GCS_BUCKET") + "\""
                + (project == null || project.isBlank() ? "" : ", project-id = \"" + project + "\"") + " }\n"
                + "  stores.data { backend = live, root-path = \"" + RUN + "/" + UUID.randomUUID() + "\" }\n"
                + "}\n";
        registry = Registry.fromHocon(hocon);
        return registry.getStore("data");
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            registry.close();
        }
    }

    @Override
    protected int fuzzIterations() {
        return 300;
    }
}
