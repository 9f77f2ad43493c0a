package dev.remotestore;

import java.util.List;

/**
 * What a folder copy did.
 *
 * @param filesCopied  files written to the target
 * @param bytesCopied  their bytes
 * @param filesSkipped files left alone because the target already held them (skip-existing)
 * @param failures     files that failed, each with its error; empty when all went well
 */
public record TransferSummary(long filesCopied, long bytesCopied, long filesSkipped, List<Failure> failures) {

    public TransferSummary {
        failures = List.copyOf(failures);
    }

    /** One file that could not be copied: its path relative to the source folder, and why. */
    public record Failure(String path, RemoteStoreException error) {
    }

    /** Whether every file was copied or skipped. */
    public boolean succeeded() {
        return failures.isEmpty();
    }
}
