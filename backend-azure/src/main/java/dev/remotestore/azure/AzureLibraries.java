package dev.remotestore.azure;

import dev.remotestore.spi.RequiredLibraries;

/**
 * The Azure SDK versions {@code type = azure} is built and tested with (those of
 * {@code remote-store-bom}), checked when a backend is created: an older {@code azure-core} next
 * to {@code azure-storage-blob} 12.36 fails with {@code NoClassDefFoundError:
 * com/azure/core/http/HttpHeaderName} otherwise. Keep in step with bom/pom.xml.
 */
final class AzureLibraries {
    static final RequiredLibraries REQUIRED = RequiredLibraries.of(AzureBackend.TYPE, AzureLibraries.class,
            "com.azure:azure-core:1.60.0",
            "com.azure:azure-core-http-netty:1.16.8",
            "com.azure:azure-storage-common:12.35.0",
            "com.azure:azure-storage-blob:12.36.0",
            "com.azure:azure-storage-blob-batch:12.32.0",
            "com.azure:azure-storage-blob-nio:12.0.0-beta.19");

    private AzureLibraries() {
    }
}
