package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ListOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code listFiles} and {@code listFolders}: lazy, in no promised order (so results are compared
 * as sets), store-relative paths, complete across pages.
 */
public interface ListingContract extends StoreFixture {

    private void writeTree() {
        for (String p : List.of("top.csv", "top.txt", "a/one.csv", "a/two.txt", "a/b/three.csv", "a/b/c/four.csv", "z/five.txt")) {
            put(p, p);
        }
    }

    private Set<String> folderPaths(String folder) {
        try (Stream<FolderEntry> folders = store().listFolders(folder)) {
            return folders.map(FolderEntry::path).collect(Collectors.toSet());
        }
    }

    @Test
    default void flatListingHasOnlyTheDirectFiles() {
        writeTree();

        assertEquals(Set.of("top.csv", "top.txt"), listPaths("", ListOptions.flat()));
        assertEquals(Set.of("a/one.csv", "a/two.txt"), listPaths("a", ListOptions.flat()));
        try (Stream<FileInfo> files = store().listFiles("a")) {
            assertEquals(Set.of("a/one.csv", "a/two.txt"), files.map(FileInfo::path).collect(Collectors.toSet()),
                    "listFiles(folder) is flat");
        }
    }

    @Test
    default void recursiveListingHasEveryFileBelow() {
        writeTree();

        assertEquals(Set.of("top.csv", "top.txt", "a/one.csv", "a/two.txt", "a/b/three.csv", "a/b/c/four.csv", "z/five.txt"),
                listPaths("", ListOptions.recursive()));
        assertEquals(Set.of("a/one.csv", "a/two.txt", "a/b/three.csv", "a/b/c/four.csv"), listPaths("a", ListOptions.recursive()));
    }

    @Test
    default void maxDepthLimitsTheRecursion() {
        writeTree();

        assertEquals(Set.of("a/one.csv", "a/two.txt", "a/b/three.csv"), listPaths("a", ListOptions.recursive().withMaxDepth(2)));
        assertEquals(Set.of("top.csv", "top.txt"), listPaths("", ListOptions.recursive().withMaxDepth(1)));
    }

    @Test
    default void globFiltersOnTheFileName() {
        writeTree();

        assertEquals(Set.of("top.csv"), listPaths("", ListOptions.flat().withGlob("*.csv")));
        assertEquals(Set.of("top.csv", "a/one.csv", "a/b/three.csv", "a/b/c/four.csv"),
                listPaths("", ListOptions.recursive().withGlob("*.csv")));
        assertEquals(Set.of("a/one.csv", "a/b/three.csv"), listPaths("a", ListOptions.recursive().withMaxDepth(2).withGlob("*.csv")));
    }

    @Test
    default void listedFilesCarrySizeAndEtag() {
        put("dir/small.bin", new byte[3]);
        put("dir/empty.bin", new byte[0]);

        Map<String, FileInfo> byPath;
        try (Stream<FileInfo> files = store().listFiles("dir")) {
            byPath = files.collect(Collectors.toMap(FileInfo::path, f -> f));
        }
        assertEquals(3, byPath.get("dir/small.bin").size());
        assertEquals(0, byPath.get("dir/empty.bin").size());
        assertEquals("small.bin", byPath.get("dir/small.bin").name());
        // FileInfo.etag may be null where a server omits it, but not for files quietly written through the store
        assertTrue(byPath.values().stream().noneMatch(f -> f.etag() == null || f.etag().isEmpty()), "listed files carry an etag");
    }

    @Test
    default void listFoldersGivesTheDirectSubFolders() {
        writeTree();

        assertEquals(Set.of("a", "z"), folderPaths(""));
        assertEquals(Set.of("a/b"), folderPaths("a"));
        assertEquals(Set.of("a/b/c"), folderPaths("a/b"));
        assertEquals(Set.of(), folderPaths("a/b/c"));
        try (Stream<FolderEntry> folders = store().listFolders("a")) {
            assertEquals(List.of("b"), folders.map(FolderEntry::name).toList());
        }
    }

    @Test
    default void listedPathsRoundTripIntoReads() {
        writeTree();

        for (String path : listPaths("", ListOptions.recursive())) {
            assertArrayEquals(utf8(path), store().readBytes(path), path);
        }
    }

    @Test
    default void aMissingFolderListsAsEmpty() {
        put("present/x.txt", "x");

        assertEquals(Set.of(), listPaths("missing", ListOptions.flat()));
        assertEquals(Set.of(), listPaths("missing/deeper", ListOptions.recursive()));
        assertEquals(Set.of(), folderPaths("missing"));
    }

    @Test
    default void anEmptyStoreListsAsEmpty() {
        assertEquals(Set.of(), listPaths("", ListOptions.recursive()));
        assertEquals(Set.of(), folderPaths(""));
    }

    @Test
    default void aFilePathGivenAsAFolderListsAsEmpty() {
        put("dir/file.txt", "x");
        put("dir/file.txt2", "y");

        assertEquals(Set.of(), listPaths("dir/file.txt", ListOptions.flat()));
        assertEquals(Set.of(), listPaths("dir/file.txt", ListOptions.recursive()));
    }

    @Test
    default void listingDoesNotMistakeANamePrefixForAFolder() {
        put("data/in.txt", "x");
        put("data2/out.txt", "y");
        put("database.txt", "z");

        assertEquals(Set.of("data/in.txt"), listPaths("data", ListOptions.recursive()));
        assertEquals(Set.of(), folderPaths("data"));
    }

    @Test
    default void folderArgumentsAreNormalised() {
        writeTree();

        assertEquals(Set.of("a/b/three.csv"), listPaths("a//b/", ListOptions.flat()));
        assertEquals(Set.of("a/b/three.csv"), listPaths("./a\\b", ListOptions.flat()));
    }

    @Test
    default void aLargeFolderListsEveryFileExactlyOnce() throws Exception {
        int n = tuning().largeListingSize();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            expected.add(String.format("many/f-%06d.txt", i));
        }
        put("many-not/other.txt", "outside");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (String p : expected) {
                writes.add(pool.submit(() -> put(p, p)));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> flat;
        try (Stream<FileInfo> files = store().listFiles("many")) {
            flat = files.map(FileInfo::path).toList();
        }
        List<String> recursive;
        try (Stream<FileInfo> files = store().listFiles("", ListOptions.recursive())) {
            recursive = files.map(FileInfo::path).filter(p -> p.startsWith("many/")).toList();
        }

        assertEquals(n, flat.size(), "no file is listed twice or missed");
        assertEquals(expected, new HashSet<>(flat));
        assertEquals(n, recursive.size());
        assertEquals(expected, new HashSet<>(recursive));
    }

    @Test
    default void aPartlyConsumedListingCanBeClosedEarly() {
        for (int i = 0; i < 20; i++) {
            put("dir/f" + i, "x");
        }

        try (Stream<FileInfo> files = store().listFiles("dir")) {
            assertEquals(5, files.limit(5).count());
        }
        assertEquals(20, listPaths("dir", ListOptions.flat()).size(), "the store is still usable");
    }
}
