package dev.remotestore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decides whether a target file already holds a source file's bytes, for
 * {@link FolderCopyOptions.Existing#SKIP_SAME} (ADR 0036). Sizes first: different sizes mean
 * different files, without a request. Then ETags, but only when both stores work on the same
 * backend instance: only there do two equal tags name the same content (across backends, even of
 * one type, tags are minted independently and may collide: the memory backend counts from 1).
 * Otherwise the two files are read side by side and compared byte for byte, stopping at the first
 * difference: exact, and it never skips a file that differs, at the cost of reading both copies
 * of a file that is the same.
 */
final class SameContent {
    private static final int CHUNK = 64 * 1024;

    private SameContent() {
    }

    /** Whether {@code target} in {@code to} holds exactly the bytes of {@code source} in {@code from}. */
    static boolean check(Store from, FileInfo source, Store to, FileInfo target) {
        if (source.size() != target.size()) {
            return false;
        }
        if (from.sharesBackendWith(to) && source.etag() != null && source.etag().equals(target.etag())) {
            return true;
        }
        return sameBytes(from, source.path(), to, target.path());
    }

    private static boolean sameBytes(Store from, String source, Store to, String target) {
        byte[] a = new byte[CHUNK];
        byte[] b = new byte[CHUNK];
        try (InputStream left = from.read(source); InputStream right = to.read(target)) {
            while (true) {
                int n = left.readNBytes(a, 0, CHUNK);
                int m = right.readNBytes(b, 0, CHUNK);
                if (n != m || !Arrays.equals(a, 0, n, b, 0, m)) {
                    return false;
                }
                if (n < CHUNK) {
                    return true;
                }
            }
        } catch (NotFoundException e) {
            return false; // deleted since it was listed: copy it
        } catch (IOException e) {
            throw new RemoteStoreException("cannot compare " + source + " with the target: " + e, source, e);
        }
    }
}
