package com.example.rsmap;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.contract.StoreContractSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * remote-store's whole contract suite against {@code type = example-map}, reached the way users
 * reach it: through the Registry, which finds the provider with ServiceLoader.
 */
class ExampleMapStoreContractTest extends StoreContractSuite {
    private static final List<Registry> REGISTRIES = new ArrayList<>();

    /** This check proves the published contract suite links and runs outside the reactor; 300 MiB in a map adds nothing. */
    @Override
    protected long largeTransferBytes() {
        return 0;
    }

    @Override
    protected Store newStore() {
        Registry registry = Registry.fromHocon("""
                remote-store {
                  backends.map { type = example-map }
                  stores.data { backend = map }
                }
                """);
        REGISTRIES.add(registry);
        return registry.getStore("data");
    }

    @AfterAll
    static void closeRegistries() {
        REGISTRIES.forEach(Registry::close);
        REGISTRIES.clear();
    }
}
