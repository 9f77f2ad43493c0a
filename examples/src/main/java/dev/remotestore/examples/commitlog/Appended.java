package dev.remotestore.examples.commitlog;

/**
 * The outcome of {@link CommitLog#append}: the version the entry was committed at, and how many
 * versions the writer tried and lost to other writers before it won one.
 *
 * @param version the committed version
 * @param conflicts how many create-only writes failed because another writer had taken the version
 */
public record Appended(long version, int conflicts) {
}
