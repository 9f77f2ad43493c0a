package dev.remotestore.gcs;

import org.junit.jupiter.api.Test;

/** The SDK this module builds and tests with meets its own start-up requirements (see GcsLibraries). */
class GcsLibrariesTest {
    @Test
    void theBuildsOwnClassPathMeetsTheRequirements() {
        GcsLibraries.REQUIRED.check();
    }
}
