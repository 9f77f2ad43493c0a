package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listings that span several ListObjectsV2 pages (S3 pages hold at most 1,000 entries). The
 * listing store goes through an unarmed {@link CuttingProxy} only to count the responses, which
 * shows that the backend really paginated.
 */
class S3ListingTest {
    static final int FILES = 2_600;
    static final int FOLDERS = 1_250;

    static CuttingProxy counter;
    static S3TestStores.OpenStore writer;
    static S3TestStores.OpenStore lister;

    @BeforeAll
    static void populate() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String root = S3ProxyServer.uniquePrefix("listing");
        counter = CuttingProxy.start(server.port());
        writer = S3TestStores.on(server).rootPath(root).open();
        lister = S3TestStores.on(server).endpoint(counter.endpoint()).rootPath(root).open();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            paths.add(String.format("flat/f%05d.txt", i));
        }
        for (int i = 0; i < FOLDERS; i++) {
            paths.add(String.format("tree/d%04d/leaf.txt", i));
        }
        paths.add("flat/sub/deep.txt");
        Store store = writer.store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (String p : paths) {
                fs.add(pool.submit(() -> store.write(p, new byte[] {1}, WriteOptions.overwrite())));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void cleanUp() {
        try {
            writer.store().deleteFolder("", true);
        } finally {
            lister.close();
            writer.close();
            counter.close();
        }
    }

    static Set<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void flatListingOfTwoThousandSixHundredFilesIsComplete() {
        int before = counter.responses();
        Set<String> listed = paths(lister.store().listFiles("flat", ListOptions.flat()));
        int requests = counter.responses() - before;
        assertEquals(FILES, listed.size());
        assertTrue(listed.contains("flat/f00000.txt") && listed.contains("flat/f02599.txt"), listed.iterator().next());
        assertTrue(requests >= 3, "2,600 keys need at least 3 pages of 1,000; requests: " + requests);
        System.out.println("flat listing of " + FILES + " files: " + requests + " requests");
    }

    @Test
    void recursiveListingIsComplete() {
        int before = counter.responses();
        Set<String> listed = paths(lister.store().listFiles("", ListOptions.recursive()));
        int requests = counter.responses() - before;
        assertEquals(FILES + FOLDERS + 1, listed.size());
        assertTrue(listed.contains("flat/sub/deep.txt"));
        assertTrue(listed.contains("tree/d1249/leaf.txt"));
        assertTrue(requests >= 4, "3,851 keys need at least 4 pages; requests: " + requests);
    }

    @Test
    void listFoldersWithMoreSubFoldersThanAPage() {
        int before = counter.responses();
        List<FolderEntry> folders;
        try (Stream<FolderEntry> s = lister.store().listFolders("tree")) {
            folders = s.toList();
        }
        int requests = counter.responses() - before;
        Set<String> names = folders.stream().map(FolderEntry::path).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(FOLDERS, folders.size(), "no folder listed twice");
        assertEquals(FOLDERS, names.size());
        assertTrue(names.contains("tree/d0000") || names.contains("tree/d0000/"), names.iterator().next());
        assertTrue(requests >= 2, "1,250 common prefixes need 2 pages; requests: " + requests);

        try (Stream<FolderEntry> s = lister.store().listFolders("")) {
            assertEquals(Set.of("flat", "tree"), s.map(FolderEntry::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void aListingStreamClosedEarlyStopsPaginating() {
        int before = counter.responses();
        try (Stream<FileInfo> s = lister.store().listFiles("flat", ListOptions.flat())) {
            assertEquals(10, s.limit(10).count());
        }
        int requests = counter.responses() - before;
        assertTrue(requests <= 1, "lazy: the first page is enough for 10 entries; requests: " + requests);
    }
}
