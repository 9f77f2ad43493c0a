package dev.remotestore.examples.commitlog;

/**
 * The outcome of {@link CommitLog#append}: the version the entry was committed at, and how many
 * times the writer lost a version to another writer before it won one.
 *
 * @param version the committed version
 * @param conflicts how many of its create-only writes failed because another writer had taken
 *     the version (after each, it caught up with the whole log, so this is not the number of
 *     entries committed meanwhile)
 */
public record Appended(long version, int conflicts) {
}
