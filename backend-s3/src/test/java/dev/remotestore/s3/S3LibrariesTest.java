package dev.remotestore.s3;

import org.junit.jupiter.api.Test;

/** The SDK this module builds and tests with meets its own start-up requirements (see S3Libraries). */
class S3LibrariesTest {
    @Test
    void theBuildsOwnClassPathMeetsTheRequirements() {
        S3Libraries.REQUIRED.check();
    }
}
