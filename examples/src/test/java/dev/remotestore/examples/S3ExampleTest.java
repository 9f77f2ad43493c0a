package dev.remotestore.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class S3ExampleTest {
    @Test
    void usageExplainsHowToRunAgainstMinioAndAws() {
        String usage = S3Example.usage();
        assertTrue(usage.contains("RS_S3_BUCKET"), usage);
        assertTrue(usage.contains("RS_S3_ENDPOINT"), usage);
        assertTrue(usage.contains("AWS"), usage);
    }
}
