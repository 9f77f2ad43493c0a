package dev.remotestore.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.IllegalPathException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and odd paths: every one is either stored and read back intact, or refused with
 * {@link IllegalPathException}; none touches anything outside the root.
 */
class LocalPathFuzzTest {
    private static final long SEED = 20240611L;
    private static final int CASES = 10_000;

    private static final List<String> FRAGMENTS = List.of(
            "..", ".", "%2e", "%2e%2e", "%2f", "\\", "/", "//", "\\\\", "\u0000", "\u0001", "\u001f", "\u007f",
            "\u0085", "\n", "\t", "é", "e\u0301", "\u0301", "😀", "👩‍👩‍👧", "日本語", "Ω", "\u202e", "\ufeff", "\u200b",
            "\ud83d", "\ude00", " ", "  ", "lead", "trail ", "/etc/x", "/etc/passwd", "C:\\x", "c:", "C:", "D:/y",
            "\\\\server\\share", "a", "b", "file.txt", "...", ".hidden", ".rs-tmp-", ".rs-tmp-x", "~", "$HOME", "*", "?",
            ":", "|", "<>", "\"", "'", "-", "CON", "nul", "x".repeat(120), "y".repeat(255), "z".repeat(256), "é".repeat(130));

    @TempDir
    Path temp;

    @Test
    void everyPathIsStoredIntactOrRefusedAndNothingOutsideTheRootChanges() throws IOException {
        Path root = temp.resolve("root");
        Files.write(temp.resolve("sentinel.txt"), "do not touch".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(temp.resolve("sibling/deeper"));
        Files.write(temp.resolve("sibling/deeper/x"), new byte[7]);
        Store store = Store.of("fuzz", LocalBackend.create(root));
        SortedMap<String, Long> before = snapshotOutside(root);

        Random random = new Random(SEED);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String path = generate(random);
            byte[] data = ("case " + i + " " + path).getBytes(StandardCharsets.UTF_8);
            String where = "seed " + SEED + ", case " + i + ", path " + escape(path);
            try {
                store.write(path, data, WriteOptions.overwrite());
            } catch (IllegalPathException e) {
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("neither accepted nor refused with IllegalPathException: " + where, e);
            }
            accepted++;
            try {
                assertArrayEquals(data, store.readBytes(path), where);
                store.delete(path); // prunes its folders, so later paths never meet a file where they need a folder
            } catch (RuntimeException e) {
                throw new AssertionError("accepted but not read back or deleted: " + where, e);
            }
        }

        assertEquals(before, snapshotOutside(root), "nothing outside the root may change (seed " + SEED + ")");
        try (Stream<Path> left = Files.walk(root)) {
            assertEquals(List.of(root), left.toList(), "every accepted file was deleted again (seed " + SEED + ")");
        }
        assertTrue(accepted > 1000 && refused > 1000,
                "the generator should exercise both outcomes: accepted " + accepted + ", refused " + refused);
    }

    private static String generate(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(8);
        for (int p = 0; p < parts; p++) {
            if (p > 0 && random.nextInt(3) > 0) {
                sb.append('/');
            }
            if (random.nextInt(5) == 0) {
                sb.append((char) (0x20 + random.nextInt(0x3000))); // any BMP character from the common ranges
            } else {
                sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        return sb.toString();
    }

    /** Names and sizes of everything under the temp dir except the root's own tree. */
    private SortedMap<String, Long> snapshotOutside(Path root) throws IOException {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        try (Stream<Path> all = Files.walk(temp)) {
            all.filter(p -> !p.startsWith(root)).forEach(p -> {
                try {
                    long size = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1;
                    snapshot.put(temp.relativize(p).toString(), size);
                } catch (IOException e) {
                    fail(e);
                }
            });
        }
        try (Stream<Path> all = Files.walk(root.getParent().getParent(), 1)) {
            // nothing may appear beside the temp dir either (an escape of two levels)
            all.filter(p -> p.getFileName().toString().contains("case ")).findAny()
                    .ifPresent(p -> fail("a fuzz file escaped to " + p));
        }
        return snapshot;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate((char) c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return '"' + sb.toString() + '"';
    }
}
