package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.CopyOptions;
import dev.remotestore.FolderEntry;
import dev.remotestore.IllegalPathException;
import dev.remotestore.ListOptions;
import dev.remotestore.ReadOptions;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The path rules: {@code \}, {@code //} and {@code .} are normalised; {@code ..}, absolute paths,
 * drive letters, NUL and control characters are refused with {@link IllegalPathException} before
 * any I/O, by every method. Names are otherwise literal: unicode, spaces and URL-ish characters
 * round-trip unchanged.
 */
public interface PathContract extends StoreFixture {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a//b.txt", "./a/b.txt", "a\\b.txt", "a/./b.txt", ".\\a\\\\b.txt", "a///./b.txt"})
    default void equivalentSpellingsNormaliseToOnePath(String spelling) {
        WriteResult result = store().write(spelling, utf8("normalised"), WriteOptions.overwrite());

        assertEquals("a/b.txt", result.path());
        assertText("a/b.txt", "normalised");
        assertText(spelling, "normalised");
        assertEquals("a/b.txt", store().getFileInfo(spelling).path());
        assertEquals(Set.of("a/b.txt"), allPaths());
        assertTrue(store().isFolder("a"));
    }

    /** Paths every method must refuse, named with their control characters escaped. */
    static Stream<Named<String>> illegalPaths() {
        return Stream.of("../x", "a/../../x", "a/../x", "..", "a/..", "a/b/../c", "..\\x", "a\\..\\x",
                "/abs", "/etc/passwd", "\\abs", "//server/share", "C:\\x", "C:/x", "c:x",
                "a\u0000b", "\u0000", "a\nb", "a\rb", "a\tb", "a\u001fb", "a\u007fb", "a\u0085b", "a\ud800b", "a\udc00b")
                .map(p -> Named.of(escape(p), p));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("dev.remotestore.contract.PathContract#illegalPaths")
    default void illegalPathsAreRefusedByEveryMethodAndWriteNothing(String bad) {
        put("existing.txt", "keep");

        for (Executable op : operationsOn(bad)) {
            assertThrows(IllegalPathException.class, op, () -> "path " + escape(bad));
        }

        assertEquals(Set.of("existing.txt"), allPaths(), "nothing was written or deleted");
        assertText("existing.txt", "keep");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", ".", "./", "./.", ".//."})
    default void theRootIsNotAFile(String root) {
        put("existing.txt", "keep");

        assertThrows(IllegalPathException.class, () -> store().write(root, utf8("x"), WriteOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> store().openOutputStream(root, WriteOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> store().read(root));
        assertThrows(IllegalPathException.class, () -> store().openChannel(root));
        assertThrows(IllegalPathException.class, () -> store().getFileInfo(root));
        assertThrows(IllegalPathException.class, () -> store().delete(root));
        assertThrows(IllegalPathException.class, () -> store().deleteIfExists(root));
        assertThrows(IllegalPathException.class, () -> store().copy("existing.txt", root, CopyOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> store().move(root, "x.txt", CopyOptions.overwrite()));
        assertThrows(IllegalPathException.class, () -> store().presignRead(root, Duration.ofMinutes(1)));

        assertEquals(Set.of("existing.txt"), allPaths());
    }

    @Test
    default void theRootHasFolderSpellings() {
        put("x.txt", "x");

        for (String root : new String[] {"", ".", "./", "./."}) {
            assertTrue(store().isFolder(root), "'" + root + "'");
            assertEquals(Set.of("x.txt"), listPaths(root, ListOptions.flat()), "'" + root + "'");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"with space.txt", "dir with space/file name.txt", " leading space.txt", "caf\u00e9.txt",
        "cafe\u0301.txt", "\u4e2d\u6587/\u6587\u4ef6.txt", "emoji \ud83d\ude00.txt", "\ud83d\ude00/\ud83c\udf89.bin",
        "\u0645\u0631\u062d\u0628\u0627.txt", "%2e%2e", "%2e%2e/x.txt", "%2e/%2E.txt", "%20percent.txt", "%00nul-spelled.txt",
        "hash#tag.txt", "plus+sign.txt", "a&b=c.txt", "semi;colon,comma.txt", "'quotes'.txt", "[brackets]{braces}.txt",
        "~tilde@at$dollar!.txt", "...three-dots", "..dotdot-prefixed", "trailing-dots..x", "UPPER/lower.TXT"})
    default void unusualNamesRoundTripThroughWriteListAndRead(String name) {
        byte[] data = utf8("content of " + name);

        WriteResult result = store().write(name, data, WriteOptions.overwrite());

        assertEquals(name, result.path());
        assertEquals(Set.of(name), allPaths(), "listed exactly as written");
        assertContent(name, data);
        assertTrue(store().isFile(name));
        assertEquals(name, store().getFileInfo(name).path());
        assertEquals(name.substring(name.lastIndexOf('/') + 1), store().getFileInfo(name).name());
        assertEquals(data.length, store().readBytes(name, ReadOptions.from(0)).length);
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            String folder = name.substring(0, slash);
            assertTrue(store().isFolder(folder));
            try (Stream<FolderEntry> folders = store().listFolders("")) {
                assertEquals(Set.of(folder), folders.map(FolderEntry::path).collect(Collectors.toSet()));
            }
            assertEquals(Set.of(name), listPaths(folder, ListOptions.flat()));
        }

        store().delete(name);
        assertEquals(Set.of(), allPaths());
    }

    @Test
    default void percentEncodingIsNotDecoded() {
        put("%2e%2e/x.txt", "encoded");
        put("a%2Fb.txt", "slash spelled");

        assertFalse(store().isFile("x.txt"));
        assertFalse(store().isFile("a/b.txt"));
        assertEquals(Set.of("%2e%2e/x.txt", "a%2Fb.txt"), allPaths());
    }

    @Test
    default void namesDifferingOnlyInCaseOrUnicodeFormAreListedAsWritten() {
        put("dir/Name.txt", "upper");
        put("dir/caf\u00e9.txt", "composed");

        assertEquals(Set.of("dir/Name.txt", "dir/caf\u00e9.txt"), listPaths("dir", ListOptions.flat()));
        assertText("dir/Name.txt", "upper");
    }

    private Executable[] operationsOn(String bad) {
        return new Executable[] {
            () -> store().write(bad, utf8("x"), WriteOptions.overwrite()),
            () -> store().write(bad, utf8("x")),
            () -> store().writeText(bad, "x", WriteOptions.overwrite()),
            () -> store().write(bad, new ByteArrayInputStream(utf8("x")), WriteOptions.overwrite()),
            () -> store().write(bad, WriteOptions.overwrite(), out -> out.write(1)),
            () -> store().openOutputStream(bad, WriteOptions.overwrite()),
            () -> store().read(bad),
            () -> store().readBytes(bad, ReadOptions.range(0, 1)),
            () -> store().openChannel(bad),
            () -> store().getFileInfo(bad),
            () -> store().exists(bad),
            () -> store().isFile(bad),
            () -> store().isFolder(bad),
            () -> store().listFiles(bad, ListOptions.recursive()).close(),
            () -> store().listFolders(bad).close(),
            () -> store().delete(bad),
            () -> store().deleteIfExists(bad),
            () -> store().deleteFolder(bad, true),
            () -> store().copy("existing.txt", bad, CopyOptions.overwrite()),
            () -> store().copy(bad, "copy.txt", CopyOptions.overwrite()),
            () -> store().move("existing.txt", bad, CopyOptions.overwrite()),
            () -> store().move(bad, "moved.txt", CopyOptions.overwrite()),
            () -> store().presignRead(bad, Duration.ofMinutes(1)),
            () -> store().presignWrite(bad, Duration.ofMinutes(1)),
            () -> store().child(bad),
        };
    }

    /** The path with control characters and surrogates escaped, for a readable failure message. */
    static String escape(String path) {
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            sb.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || c > 0x7e
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
