package dev.remotestore.s3crt;

import org.junit.jupiter.api.Test;

/** The SDK this module builds and tests with meets its own start-up requirements (see S3CrtLibraries). */
class S3CrtLibrariesTest {
    @Test
    void theBuildsOwnClassPathMeetsTheRequirements() {
        S3CrtLibraries.REQUIRED.check();
    }
}
