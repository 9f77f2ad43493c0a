package dev.remotestore.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * ETags for local files.
 *
 * <p>Hashing the content would cost a full read per {@code getFileInfo} and would not change on a
 * rewrite with identical bytes, which compare-and-swap needs. Instead the tag hashes what changes
 * with every write: the file's identity (device and inode, from {@code fileKey}), its size, its
 * modification time in nanoseconds, and the random write id this backend stores in an extended
 * attribute. Every write goes to a fresh temp file, so it gets a new inode; but Linux reuses
 * freed inodes at once and timestamps only advance every few milliseconds, so without the write
 * id two quick writes of equal size could show the same tag (an ABA hazard for compare-and-swap).
 * On filesystems without user extended attributes that residual hazard remains. Files written by
 * other tools (no write id) still get a tag that changes whenever they are rewritten or touched.
 *
 * <p>Nothing here changes on rename or hard link, so the tag computed from the temp file before
 * it is published equals the tag of the published file.
 */
final class LocalEtags {
    private LocalEtags() {
    }

    /** The tag of a file with these attributes and write id ({@code null} when none). */
    static String of(BasicFileAttributes attrs, String writeId) {
        Instant mtime = attrs.lastModifiedTime().toInstant();
        String identity = String.valueOf(attrs.fileKey()) + '|' + attrs.size() + '|'
                + mtime.getEpochSecond() + '.' + mtime.getNano() + '|' + (writeId == null ? "" : writeId);
        byte[] digest = sha256().digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    // looking a digest up costs more than hashing these few bytes; a digest is reset by digest()
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private static MessageDigest sha256() {
        return SHA_256.get();
    }
}
