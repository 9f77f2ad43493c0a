package dev.remotestore.testing;

import java.util.UUID;

/** Helpers for tests that write HOCON and check the line numbers errors report. */
public final class HoconText {
    private HoconText() {
    }

    /** The 1-based number of the first line of {@code hocon} that contains {@code needle}. */
    public static int lineOf(String hocon, String needle) {
        String[] lines = hocon.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line contains " + needle);
    }

    /** A {@code name-tag} no other test uses, so a test finds only its own backends. */
    public static String uniqueTag(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
