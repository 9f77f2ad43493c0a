package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options objects check their arguments when built. */
class OptionsTest {

    @ParameterizedTest(name = "metadata key \"{0}\" is rejected")
    @ValueSource(strings = {"", "Upper", "has space", "dot.key", "slash/key", "ümlaut", "x:y"})
    void metadataKeysOutsideTheCommonGroundAreRejected(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.overwrite().withMetadata(Map.of(key, "v")));
        assertTrue(e.getMessage().contains("metadata key"), e.getMessage());
    }

    @Test
    void nullMetadataKeysAndValuesAreRejected() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThrows(NullPointerException.class, () -> WriteOptions.overwrite().withMetadata(nullValue));
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertThrows(NullPointerException.class, () -> WriteOptions.overwrite().withMetadata(nullKey));
        assertThrows(NullPointerException.class, () -> WriteOptions.overwrite().withMetadata(null));
    }

    @Test
    void metadataIsCopiedAndKeepsModeAndContentType() {
        Map<String, String> source = new HashMap<>(Map.of("owner-id", "42", "a_b", "c"));
        WriteOptions options = WriteOptions.ifMatch("etag-1").withContentType("text/csv").withMetadata(source);
        source.put("later", "x");
        assertEquals(Map.of("owner-id", "42", "a_b", "c"), options.metadata());
        assertEquals(WriteOptions.Mode.IF_MATCH, options.mode());
        assertEquals(Optional.of("etag-1"), options.expectedEtag());
        assertEquals(Optional.of("text/csv"), options.contentType());
        assertThrows(UnsupportedOperationException.class, () -> options.metadata().put("x", "y"));
        assertFalse(options.toString().contains("42"), "metadata values stay out of toString: " + options);
    }

    @Test
    void defaultWriteIsCreateOnly() {
        assertEquals(WriteOptions.Mode.CREATE_ONLY, WriteOptions.createOnly().mode());
        assertEquals(WriteOptions.Mode.OVERWRITE, WriteOptions.overwrite().mode());
        assertTrue(WriteOptions.overwrite().expectedEtag().isEmpty());
        assertTrue(WriteOptions.overwrite().metadata().isEmpty());
    }

    @Test
    void ifMatchNeedsAnEtag() {
        assertThrows(IllegalArgumentException.class, () -> WriteOptions.ifMatch(""));
        assertThrows(NullPointerException.class, () -> WriteOptions.ifMatch(null));
    }

    @Test
    void readRangesRejectNegatives() {
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.range(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.range(0, -1));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.from(-5));
    }

    @Test
    void readRangesDescribeOffsetAndLength() {
        ReadOptions range = ReadOptions.range(10, 0);
        assertEquals(10, range.offset());
        assertEquals(OptionalLong.of(0), range.length());
        assertFalse(range.isWhole());
        assertTrue(ReadOptions.whole().isWhole());
        assertEquals(OptionalLong.empty(), ReadOptions.from(3).length());
        assertFalse(ReadOptions.from(3).isWhole());
        assertTrue(ReadOptions.from(0).isWhole());
    }

    @ParameterizedTest(name = "glob \"{0}\" does not compile")
    @ValueSource(strings = {"[abc", "{a,b", "a}", "x[", "{a,{b}"})
    void malformedGlobsAreRejectedWhenTheOptionsAreBuilt(String glob) {
        assertThrows(IllegalArgumentException.class, () -> ListOptions.flat().withGlob(glob));
    }

    @Test
    void listOptionsDescribeTheWalk() {
        assertFalse(ListOptions.flat().isRecursive());
        assertEquals(1, ListOptions.flat().maxDepth());
        assertTrue(ListOptions.recursive().isRecursive());
        assertEquals(Integer.MAX_VALUE, ListOptions.recursive().maxDepth());
        ListOptions limited = ListOptions.flat().withMaxDepth(3).withGlob("*.csv");
        assertTrue(limited.isRecursive());
        assertEquals(3, limited.maxDepth());
        assertEquals(Optional.of("*.csv"), limited.glob());
        assertThrows(IllegalArgumentException.class, () -> ListOptions.recursive().withMaxDepth(0));
        assertThrows(NullPointerException.class, () -> ListOptions.flat().withGlob(null));
    }

    @Test
    void copyOptionsDefaultToCreateOnly() {
        assertFalse(CopyOptions.createOnly().isOverwrite());
        assertTrue(CopyOptions.overwrite().isOverwrite());
    }
}
