package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The path rules on their own: {@link StorePaths}. */
class StorePathsTest {

    @ParameterizedTest(name = "\"{0}\" normalises to \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "a/b/c          | a/b/c",
        "a\\b\\c        | a/b/c",
        "a//b///c       | a/b/c",
        "./a/./b/.      | a/b",
        "a/b/           | a/b",
        "a\\\\b/        | a/b",
        ".              | ''",
        "./             | ''",
        "''             | ''",
        "%2e%2e         | %2e%2e",
        "a/%2e%2e/b     | a/%2e%2e/b",
        "...            | ...",
        "..a/b..        | ..a/b..",
        "résumé/日本.txt | résumé/日本.txt",
        "emoji/😀.bin   | emoji/😀.bin",
        "sp ace/x y     | sp ace/x y",
        "ab:c/d:e       | ab:c/d:e",
    })
    void normalisesSeparatorsEmptyAndDotSegments(String path, String expected) {
        assertEquals(expected, StorePaths.normalize(path));
    }

    static Stream<Arguments> illegalPaths() {
        return Stream.of(
                Arguments.of("..", "'..'"),
                Arguments.of("../x", "'..'"),
                Arguments.of("a/../b", "'..'"),
                Arguments.of("a/..", "'..'"),
                Arguments.of("a\\..\\b", "'..'"),
                Arguments.of("/x", "absolute"),
                Arguments.of("\\x", "absolute"),
                Arguments.of("C:\\x", "drive letter"),
                Arguments.of("c:/x", "drive letter"),
                Arguments.of("a\u0000b", "NUL"),
                Arguments.of("a\nb", "control character"),
                Arguments.of("a\tb", "control character"),
                Arguments.of("a\u007fb", "control character"),
                Arguments.of("a\u0085b", "control character"),
                Arguments.of("a\ud800b", "unpaired surrogate"),
                Arguments.of("a\udc00", "unpaired surrogate"),
                Arguments.of("\ud800", "unpaired surrogate"));
    }

    @ParameterizedTest(name = "{index}: rejected for {1}")
    @MethodSource("illegalPaths")
    void rejectsPathsThatAreUnsafe(String path, String reason) {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> StorePaths.normalize(path));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(StorePaths.printable(path), e.path());
    }

    @Test
    void rejectionMessagesShowControlCharactersEscaped() {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> StorePaths.normalize("a\nb"));
        assertEquals("a\\u000ab", e.path());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void nullPathIsIllegal() {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> StorePaths.normalize(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertNull(e.path());
    }

    @Test
    void emptyPathIsTheRootForFoldersButNotAFile() {
        assertEquals("", StorePaths.normalize(""));
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> StorePaths.normalizeFile(""));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
        assertThrows(IllegalPathException.class, () -> StorePaths.normalizeFile("./"));
        assertEquals("a/b", StorePaths.normalizeFile("a//b/"));
    }

    @Test
    void joinAndRelativizeAreInverse() {
        assertEquals("x", StorePaths.join("", "x"));
        assertEquals("r", StorePaths.join("r", ""));
        assertEquals("r/x/y", StorePaths.join("r", "x/y"));
        assertEquals("x/y", StorePaths.relativize("r", "r/x/y"));
        assertEquals("", StorePaths.relativize("r", "r"));
        assertEquals("r/x", StorePaths.relativize("", "r/x"));
        assertThrows(IllegalStateException.class, () -> StorePaths.relativize("r", "rx/y"));
        assertThrows(IllegalStateException.class, () -> StorePaths.relativize("r", "other"));
    }
}
