package dev.remotestore.s3crt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import dev.remotestore.s3.LogCapture;
import dev.remotestore.s3.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A key that ends in {@code /} and holds bytes is data, not a console's folder marker: no store
 * path can name it, so listings leave it out and say so (one WARN per listing naming the key),
 * {@code deleteFolder} counts it and refuses a non-recursive delete of its folder, and it stays
 * readable through the unwrapped client (adr/0020). On S3Mock, which stores such keys as S3 does
 * (S3Proxy turns them into empty directories), for both {@code s3} and {@code s3-crt}: they
 * share the control path.
 */
class S3MockTrailingSlashKeysTest {
    static final String LISTING_LOGGER = "dev.remotestore.s3.S3Listing";

    CrtTestStores.OpenStore open;
    S3Client raw;
    String root;

    Store open(String type) {
        S3MockServer server = S3MockServer.shared();
        root = S3ProxyServer.uniquePrefix("slash-" + type);
        open = CrtTestStores.on(server.endpoint(), S3MockServer.BUCKET, S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)
                .type(type).rootPath(root).open();
        raw = open.store().unwrap(S3Client.class);
        return open.store();
    }

    @AfterEach
    void close() {
        try {
            raw.listObjectsV2(b -> b.bucket(S3MockServer.BUCKET).prefix(root + "/")).contents()
                    .forEach(o -> raw.deleteObject(b -> b.bucket(S3MockServer.BUCKET).key(o.key())));
        } finally {
            open.close();
        }
    }

    void put(String path, String text) {
        raw.putObject(b -> b.bucket(S3MockServer.BUCKET).key(root + "/" + path), RequestBody.fromString(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "s3-crt"})
    void aKeyEndingInSlashThatHoldsBytesIsReportedNotSilentlyDropped(String type) {
        Store store = open(type);
        put("dir/f.txt", "file");
        put("dir/marker/", "");              // a console's folder marker: nothing to report
        put("dir/data/", "payload");         // bytes under a name no store path can spell
        put("dir/sub/more/", "more payload");
        try (LogCapture log = LogCapture.of(LISTING_LOGGER)) {
            try (Stream<FileInfo> files = store.listFiles("dir", ListOptions.recursive())) {
                assertEquals(List.of("dir/f.txt"), files.map(FileInfo::path).toList());
            }
            List<String> warnings = log.warnings();
            assertEquals(1, warnings.size(), "one WARN per listing: " + warnings);
            assertTrue(warnings.get(0).contains(root + "/dir/data/") && warnings.get(0).contains("7 bytes"), warnings.get(0));

            try (Stream<FileInfo> files = store.listFiles("dir/data", ListOptions.flat())) {
                assertEquals(0, files.count());
            }
            assertEquals(2, log.warnings().size(), "a listing of the folder it names reports it too: " + log.warnings());

            try (Stream<FileInfo> files = store.listFiles("dir/marker", ListOptions.flat())) {
                assertEquals(0, files.count());
            }
            assertEquals(2, log.warnings().size(), "a zero-byte marker is not reported");
        }
        try (Stream<FolderEntry> folders = store.listFolders("dir")) {
            assertEquals(Set.of("data", "marker", "sub"), folders.map(FolderEntry::name).collect(Collectors.toSet()));
        }
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8),
                raw.getObjectAsBytes(b -> b.bucket(S3MockServer.BUCKET).key(root + "/dir/data/")).asByteArray(),
                "the documented escape: the unwrapped client reads it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "s3-crt"})
    void deleteFolderCountsAndRefusesOverBytesUnderAKeyEndingInSlash(String type) {
        Store store = open(type);
        put("only/", "payload");
        FolderNotEmptyException e = assertThrows(FolderNotEmptyException.class, () -> store.deleteFolder("only", false));
        assertTrue(e.getMessage().contains(root + "/only/"), e.getMessage());

        put("empty/", "");
        assertEquals(0, store.deleteFolder("empty", false), "a zero-byte marker alone is an empty folder");

        put("dir/f.txt", "file");
        put("dir/marker/", "");
        put("dir/data/", "payload");
        assertEquals(3, store.deleteFolder("", true), "f.txt, data/ and only/ hold bytes; markers do not count");
        assertEquals(0, raw.listObjectsV2(b -> b.bucket(S3MockServer.BUCKET).prefix(root + "/")).contents().size(),
                "nothing is left");
        assertFalse(store.exists("dir"));
    }
}
