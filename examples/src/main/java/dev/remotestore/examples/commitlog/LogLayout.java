package dev.remotestore.examples.commitlog;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a commit log keeps its files in a store: one file per version, named by the version in
 * 20 digits so names sort as numbers; the checkpoints; and the checkpoint hint.
 */
final class LogLayout {
    private final String folder;

    LogLayout(String folder) {
        this.folder = Objects.requireNonNull(folder, "folder is null");
        if (folder.isEmpty() || folder.endsWith("/")) {
            throw new IllegalArgumentException("folder must be a non-empty path without a trailing '/': " + folder);
        }
    }

    String folder() {
        return folder;
    }

    /** {@code log/00000000000000000042.json}. */
    String entry(long version) {
        return folder + "/" + digits(version) + ".json";
    }

    /** The checkpoint holding entries 0 to {@code version}. */
    String checkpoint(long version) {
        return folder + "/" + digits(version) + ".checkpoint.bin";
    }

    /** The hint naming the newest checkpoint; written by compare-and-swap, allowed to lag. */
    String hint() {
        return folder + "/_last_checkpoint";
    }

    private static String digits(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version is negative: " + version);
        }
        return String.format(Locale.ROOT, "%020d", version);
    }
}
