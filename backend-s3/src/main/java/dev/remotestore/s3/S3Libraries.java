package dev.remotestore.s3;

import dev.remotestore.spi.RequiredLibraries;

/**
 * The AWS SDK versions {@code type = s3} is built and tested with (those of
 * {@code remote-store-bom}), checked when a backend is created. Keep in step with bom/pom.xml.
 */
final class S3Libraries {
    static final RequiredLibraries REQUIRED = RequiredLibraries.of(S3Backend.TYPE, S3Libraries.class,
            "software.amazon.awssdk:sdk-core:2.56.0",
            "software.amazon.awssdk:s3:2.56.0",
            "software.amazon.awssdk:apache-client:2.56.0");

    private S3Libraries() {
    }
}
