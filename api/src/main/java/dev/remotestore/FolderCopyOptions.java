package dev.remotestore;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Transfers#copyFolder} walks and writes: recursive or not, a glob on file names, how
 * many files move at once, whether existing targets are replaced, skipped when they already hold
 * the same bytes, or refused (the default: create-only, each existing target is a failure).
 */
public final class FolderCopyOptions {
    /** What to do with a target file that exists. */
    public enum Existing {
        /** Refuse: the file counts as failed with {@link AlreadyExistsException}. The default. */
        FAIL,
        /**
         * Skip it when it holds the source's bytes, otherwise replace it: same size, and then the
         * same ETag when both stores share a backend instance, or else the same bytes, compared by
         * reading both files side by side (ADR 0036).
         */
        SKIP_SAME,
        /** Replace it. */
        OVERWRITE
    }

    private final boolean recursive;
    private final String glob;
    private final int parallelism;
    private final Existing existing;

    private FolderCopyOptions(boolean recursive, String glob, int parallelism, Existing existing) {
        this.recursive = recursive;
        this.glob = glob;
        this.parallelism = parallelism;
        this.existing = existing;
    }

    /** Recursive, all files, 4 at once, create-only. */
    public static FolderCopyOptions defaults() {
        return new FolderCopyOptions(true, null, 4, Existing.FAIL);
    }

    /** Whether to copy sub-folders' files too (default true). */
    public FolderCopyOptions recursive(boolean value) {
        return new FolderCopyOptions(value, glob, parallelism, existing);
    }

    /** Only files whose name (not path) matches the glob, as {@link ListOptions#withGlob} reads it. */
    public FolderCopyOptions glob(String pattern) {
        return new FolderCopyOptions(recursive, Objects.requireNonNull(pattern, "pattern is null"), parallelism, existing);
    }

    /** How many files move at once; at least 1. */
    public FolderCopyOptions parallelism(int files) {
        if (files < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + files);
        }
        return new FolderCopyOptions(recursive, glob, files, existing);
    }

    /** What to do with a target file that exists. */
    public FolderCopyOptions existing(Existing value) {
        return new FolderCopyOptions(recursive, glob, parallelism, Objects.requireNonNull(value, "value is null"));
    }

    public boolean isRecursive() {
        return recursive;
    }

    public Optional<String> glob() {
        return Optional.ofNullable(glob);
    }

    public int parallelism() {
        return parallelism;
    }

    public Existing existing() {
        return existing;
    }

    @Override
    public String toString() {
        return "FolderCopyOptions{recursive=" + recursive + ", glob=" + glob + ", parallelism=" + parallelism
                + ", existing=" + existing + '}';
    }
}
