package dev.remotestore.azure;

import dev.remotestore.Store;
import dev.remotestore.contract.StoreContractSuite;
import dev.remotestore.spi.Secret;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The whole Store contract against a real Azure storage account chosen by the environment; runs
 * only when {@code RS_AZURE_ACCOUNT}, {@code RS_AZURE_CONTAINER} and {@code RS_AZURE_KEY} are
 * set ({@code RS_AZURE_ENDPOINT} optional). Everything is written under
 * {@code remote-store-test/<run id>/<test>/} in the existing container and deleted after each
 * test. Path fuzzing is reduced: thousands of PUTs to a remote account cost minutes.
 */
@Tag("live-cloud")
@EnabledIfEnvironmentVariable(named = "RS_AZURE_ACCOUNT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "RS_AZURE_CONTAINER", matches = ".+")
@EnabledIfEnvironmentVariable(named = "RS_AZURE_KEY", matches = ".+")
class EnvAzureStoreContractTest extends StoreContractSuite {
    private static final String RUN = "remote-store-test/" + UUID.randomUUID().toString().substring(0, 12);

    private AzureBackend backend;

    @Override
    protected Store newStore() {
        AzureConfig.Builder config = AzureConfig.builder().account(System.getenv("RS_AZURE_ACCOUNT"))
                .container(System.getenv("RS_AZURE_CONTAINER")).accountKey(new Secret(System.getenv("RS_AZURE_KEY")));
        String endpoint = System.getenv("RS_AZURE_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            config.endpoint(URI.create(endpoint));
        }
        backend = AzureBackend.create(config.build());
        return Store.of("azure-env", backend, RUN + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    protected void cleanUp(Store store) {
        try {
            super.cleanUp(store);
        } finally {
            backend.close();
        }
    }

    @Override
    protected int fuzzIterations() {
        return 500;
    }
}
