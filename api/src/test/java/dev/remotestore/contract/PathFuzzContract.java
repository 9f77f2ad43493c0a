package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.IllegalPathException;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated hostile paths written into a child store ({@code jail}): each is refused with
 * {@link IllegalPathException} exactly when an independent oracle says it is illegal, and is
 * otherwise readable at its normalised path; nothing ever lands outside the jail. The seed is
 * fixed (override with {@code -Dremotestore.contract.fuzzSeed=N}) and printed on failure.
 */
public interface PathFuzzContract extends StoreFixture {

    long DEFAULT_SEED = 0x5EED_2024L;

    String[] SPECIAL_SEGMENTS = {"..", ".", "", "%2e", "%2e%2e", "%2E%2e", "%2f", " ", "  ", "...", ".hidden", "~", "-"};
    String[] PREFIXES = {"/", "//", "\\", "/etc/", "C:\\", "c:/", "D:", "./", ".\\", "../", "..\\"};
    String[] ALPHABET = {"a", "b", "z", "A", "Q", "0", "7", "-", "_", ".", " ", "%", "#", "+", "&", "=", "@", "'", ",", ";",
        "%2e", "\\", "/", "//", "\u00e9", "e\u0301", "\u4e2d", "\u6587", "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69",
        "\u202e", "\u05d0", "\u0645", "\ufeff", "\u00a0"};
    String[] CONTROLS = {"\u0000", "\u0001", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085", "\u009f"};

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    default void generatedPathsAreRefusedOrLandNormalisedInsideTheJail() {
        long seed = Long.getLong("remotestore.contract.fuzzSeed", DEFAULT_SEED);
        int iterations = tuning().fuzzIterations();
        Random random = new Random(seed);
        Store jail = store().child("jail");
        put("outside.txt", "sentinel");

        Map<String, byte[]> written = new HashMap<>();
        Set<String> folders = new HashSet<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            String raw = generate(random);
            Optional<String> expected = normalise(raw);
            String where = "seed=" + seed + ", iteration=" + i + ", path=\"" + PathContract.escape(raw) + '"';
            byte[] data = utf8(i + ":" + raw);
            if (expected.isEmpty()) {
                try {
                    jail.write(raw, data, WriteOptions.overwrite());
                    fail("an illegal path was accepted (" + where + ")");
                } catch (IllegalPathException e) {
                    refused++;
                } catch (RuntimeException e) {
                    throw new AssertionError("expected IllegalPathException, got " + e + " (" + where + ")", e);
                }
                continue;
            }
            String path = expected.get();
            if (clashes(path, written.keySet(), folders)) {
                continue; // a file where a folder is (or the reverse) is not what this test is about
            }
            try {
                assertEquals(path, jail.write(raw, data, WriteOptions.overwrite()).path(), where);
                assertArrayEquals(data, jail.readBytes(path), where);
            } catch (RuntimeException e) {
                throw new AssertionError("a legal path failed: " + e + " (" + where + ", normalised=\""
                        + PathContract.escape(path) + "\")", e);
            }
            written.put(path, data);
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(path.substring(0, slash));
            }
            accepted++;
        }

        Set<String> expectedListing = new HashSet<>();
        expectedListing.add("outside.txt");
        written.keySet().forEach(p -> expectedListing.add("jail/" + p));
        Set<String> listing = listPaths("", ListOptions.recursive());
        if (!listing.equals(expectedListing)) {
            Set<String> extra = new HashSet<>(listing);
            extra.removeAll(expectedListing);
            Set<String> missing = new HashSet<>(expectedListing);
            missing.removeAll(listing);
            fail("seed=" + seed + ": the parent store's listing differs; unexpected " + escapeAll(extra) + ", missing " + escapeAll(missing));
        }
        assertText("outside.txt", "sentinel");
        for (Map.Entry<String, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), jail.readBytes(e.getKey()), () -> "seed=" + seed + ", path=" + PathContract.escape(e.getKey()));
        }
        if (iterations >= 1000) {
            assertTrue(accepted > iterations / 10 && refused > iterations / 10, "seed=" + seed
                    + ": the generator should produce plenty of legal and illegal paths (" + accepted + " accepted, " + refused + " refused)");
        }
    }

    /** One hostile path: up to 5 segments, names up to ~60 characters, odd separators and prefixes. */
    private static String generate(Random r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(8) == 0) {
            sb.append(PREFIXES[r.nextInt(PREFIXES.length)]);
        }
        int depth = 1 + r.nextInt(5);
        for (int d = 0; d < depth; d++) {
            if (d > 0) {
                int sep = r.nextInt(10);
                sb.append(sep < 7 ? "/" : sep < 9 ? "\\" : "//");
            }
            if (r.nextInt(5) == 0) {
                sb.append(SPECIAL_SEGMENTS[r.nextInt(SPECIAL_SEGMENTS.length)]);
                continue;
            }
            int length = 1 + r.nextInt(r.nextInt(4) == 0 ? 60 : 12);
            StringBuilder name = new StringBuilder();
            while (name.length() < length) {
                if (r.nextInt(150) == 0) {
                    name.append(CONTROLS[r.nextInt(CONTROLS.length)]);
                } else {
                    name.append(ALPHABET[r.nextInt(ALPHABET.length)]);
                }
            }
            sb.append(name);
        }
        return sb.toString();
    }

    /**
     * The oracle, written from the documented rules rather than from the implementation: empty
     * when the path must be refused for a file, else its normalised form.
     */
    private static Optional<String> normalise(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return Optional.empty();
            }
        }
        String p = raw.replace('\\', '/');
        boolean driveLetter = p.length() >= 2 && p.charAt(1) == ':' && ((p.charAt(0) | 0x20) >= 'a' && (p.charAt(0) | 0x20) <= 'z');
        if (p.startsWith("/") || driveLetter) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.empty();
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                out.append(out.length() == 0 ? "" : "/").append(segment);
            }
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    /** Whether the path is a known folder, or one of its parents a known file. */
    private static boolean clashes(String path, Set<String> files, Set<String> folders) {
        if (folders.contains(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (files.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private static String escapeAll(Set<String> paths) {
        StringBuilder sb = new StringBuilder("[");
        paths.stream().limit(20).forEach(p -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(PathContract.escape(p)).append('"'));
        return sb.append(paths.size() > 20 ? ", ... (" + paths.size() + " in all)]" : "]").toString();
    }
}
