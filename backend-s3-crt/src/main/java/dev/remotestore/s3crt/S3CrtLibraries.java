package dev.remotestore.s3crt;

import dev.remotestore.spi.RequiredLibraries;

/**
 * The AWS SDK and CRT versions {@code type = s3-crt} is built and tested with (those of
 * {@code remote-store-bom}), checked when a backend is created. Keep in step with bom/pom.xml.
 */
final class S3CrtLibraries {
    static final RequiredLibraries REQUIRED = RequiredLibraries.of(S3CrtBackend.TYPE, S3CrtLibraries.class,
            "software.amazon.awssdk:sdk-core:2.56.0",
            "software.amazon.awssdk:s3:2.56.0",
            "software.amazon.awssdk:s3-transfer-manager:2.56.0",
            "software.amazon.awssdk.crt:aws-crt:0.50.0");

    private S3CrtLibraries() {
    }
}
