package dev.remotestore.examples.commitlog;

import java.util.function.LongPredicate;

/**
 * Finds the newest version of a log whose versions always form a prefix {@code 0..L} that only
 * grows, by asking whether single versions exist: forward in doubling steps from a version known
 * to exist, then a binary search between the last version found and the first one missing.
 * About {@code 2·log2(d)} questions for a log {@code d} versions ahead of the start, whatever
 * its length: no listing, whose cost grows with the log (object stores list by prefix, in pages,
 * and cannot start at "version V" of a folder).
 *
 * <p>Correct while other writers append: a version seen present stays present, and one seen
 * missing was missing at that moment, so the answer is the newest version at some moment during
 * the search.
 */
final class VersionProbe {
    private VersionProbe() {
    }

    /**
     * @param exists whether a version is committed
     * @param known a version known to be committed, or -1
     * @return the newest committed version, -1 when there is none, never below {@code known}
     */
    static long latest(LongPredicate exists, long known) {
        if (known < -1) {
            throw new IllegalArgumentException("known version below -1: " + known);
        }
        long present = known;
        long missing;
        long step = 1;
        while (true) {
            long candidate = present + step;
            if (!exists.test(candidate)) {
                missing = candidate;
                break;
            }
            present = candidate;
            step = Math.min(step * 2, 1L << 40);
        }
        while (missing - present > 1) {
            long mid = present + (missing - present) / 2;
            if (exists.test(mid)) {
                present = mid;
            } else {
                missing = mid;
            }
        }
        return present;
    }
}
