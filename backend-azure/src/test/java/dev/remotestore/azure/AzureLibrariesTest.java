package dev.remotestore.azure;

import org.junit.jupiter.api.Test;

/** The SDK this module builds and tests with meets its own start-up requirements (see AzureLibraries). */
class AzureLibrariesTest {
    @Test
    void theBuildsOwnClassPathMeetsTheRequirements() {
        AzureLibraries.REQUIRED.check();
    }
}
