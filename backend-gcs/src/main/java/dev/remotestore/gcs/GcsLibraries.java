package dev.remotestore.gcs;

import dev.remotestore.spi.RequiredLibraries;

/**
 * The Google Cloud versions {@code type = gcs} is built and tested with (those of
 * {@code remote-store-bom}), checked when a backend is created. Keep in step with bom/pom.xml.
 */
final class GcsLibraries {
    static final RequiredLibraries REQUIRED = RequiredLibraries.of(GcsBackend.TYPE, GcsLibraries.class,
            "com.google.cloud:google-cloud-core:2.73.0",
            "com.google.cloud:google-cloud-storage:2.71.0",
            "com.google.cloud:google-cloud-nio:0.135.0");

    private GcsLibraries() {
    }
}
