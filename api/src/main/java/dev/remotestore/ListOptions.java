package dev.remotestore;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Store#listFiles(String, ListOptions)} walks a folder. Immutable.
 *
 * <p>By default only the folder's direct files are listed. {@link #recursive()} lists every file
 * below it, optionally down to a {@linkplain #withMaxDepth(int) maximum depth} (1 = direct files
 * only). A {@linkplain #withGlob(String) glob} filters on the file's name (its last segment):
 * {@code *} and {@code ?} match within a name, {@code [abc]} a set, {@code {a,b}} alternatives.
 */
public final class ListOptions {
    private static final ListOptions FLAT = new ListOptions(false, Integer.MAX_VALUE, null);
    private static final ListOptions RECURSIVE = new ListOptions(true, Integer.MAX_VALUE, null);

    private final boolean recursive;
    private final int maxDepth;
    private final String glob;

    private ListOptions(boolean recursive, int maxDepth, String glob) {
        this.recursive = recursive;
        this.maxDepth = maxDepth;
        this.glob = glob;
    }

    /** The folder's direct files only. */
    public static ListOptions flat() {
        return FLAT;
    }

    /** Every file below the folder. */
    public static ListOptions recursive() {
        return RECURSIVE;
    }

    /** Only files whose name matches {@code pattern}. */
    public ListOptions withGlob(String pattern) {
        Objects.requireNonNull(pattern, "glob is null");
        Glob.compile(pattern); // fail now on a malformed pattern
        return new ListOptions(recursive, maxDepth, pattern);
    }

    /** Recursive, down to {@code depth} levels (1 = direct files of the folder). */
    public ListOptions withMaxDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("max depth must be at least 1: " + depth);
        }
        return new ListOptions(true, depth, glob);
    }

    public boolean isRecursive() {
        return recursive;
    }

    /** {@link Integer#MAX_VALUE} when unlimited; 1 when not recursive. */
    public int maxDepth() {
        return recursive ? maxDepth : 1;
    }

    public Optional<String> glob() {
        return Optional.ofNullable(glob);
    }

    @Override
    public String toString() {
        return "ListOptions{" + (recursive ? "recursive" : "flat")
                + (recursive && maxDepth != Integer.MAX_VALUE ? ", maxDepth=" + maxDepth : "")
                + (glob == null ? "" : ", glob=" + glob) + '}';
    }
}
