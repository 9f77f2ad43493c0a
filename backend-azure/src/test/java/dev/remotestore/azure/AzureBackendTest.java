package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.nio.AzureFileSystem;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.CopyOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import dev.remotestore.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the contract suite cannot see from the Store alone: the blobs Azure actually holds. */
class AzureBackendTest {
    private static final int BLOCK = 64 * 1024;

    private AzuriteServer azurite;
    private BlobContainerClient container;
    private AzureBackend backend;
    private Store store;

    @BeforeEach
    void openStore() {
        azurite = AzuriteServer.shared();
        container = azurite.newContainer("backend");
        backend = AzureBackend.create(azurite.config(container.getBlobContainerName()).blockSize(BLOCK).maxConcurrency(2).build());
        store = Store.of("azurite", backend);
    }

    @AfterEach
    void close() {
        backend.close();
        container.delete();
    }

    @Test
    void aReadOverwrittenAfterItsFirstBytesFailsWithPreconditionFailed() throws Exception {
        // Past the client's first chunk (4 MiB) the next GET is pinned to version 1 again;
        // by then bytes of version 1 have gone out, so a splice must be refused.
        byte[] one = random(9 * 1024 * 1024, 3);
        store.write("race/big.bin", one);
        try (java.io.InputStream in = store.read("race/big.bin")) {
            assertEquals(one[0] & 0xff, in.read());
            store.write("race/big.bin", random(9 * 1024 * 1024, 4), WriteOptions.overwrite());
            assertThrows(dev.remotestore.PreconditionFailedException.class, in::readAllBytes);
        }
    }

    @Test
    void abortedStreamOfSeveralBlocksCreatesNoBlob() {
        try (StoreOutputStream out = store.openOutputStream("big/aborted.bin", WriteOptions.createOnly())) {
            out.write(random(3 * BLOCK + 5, 1));
        }

        assertFalse(store.isFile("big/aborted.bin"));
        assertEquals(Set.of(), committedNames());
        assertThrows(BlobStorageException.class, () -> container.getBlobClient("big/aborted.bin").getProperties());
        // Azure has no call that discards staged blocks without risking a committed blob
        // (Azurite even ignores If-None-Match on Delete Blob); the service drops them at the
        // blob's next commit or after seven days. They are invisible except in this listing:
        assertEquals(Set.of("big/aborted.bin"), namesIncludingUncommitted());
        assertEquals(0, container.getBlobClient("big/aborted.bin").getBlockBlobClient()
                .listBlocks(BlockListType.COMMITTED).getCommittedBlocks().size());
    }

    @Test
    void abortedStreamBelowOneBlockStagesNothingAtAll() {
        try (StoreOutputStream out = store.openOutputStream("small.bin", WriteOptions.overwrite())) {
            out.write(random(BLOCK - 1, 2));
        }

        assertEquals(Set.of(), namesIncludingUncommitted(), "not even uncommitted blocks");
    }

    @Test
    void abortedStreamKeepsThePreviousVersionAndItsEtag() {
        byte[] old = random(10, 3);
        String etag = store.write("keep.bin", old).etag();

        StoreOutputStream out = store.openOutputStream("keep.bin", WriteOptions.ifMatch(etag));
        out.write(random(2 * BLOCK + 1, 4));
        out.abort();

        assertArrayEquals(old, store.readBytes("keep.bin"));
        assertEquals(etag, store.getFileInfo("keep.bin").etag());
        assertEquals(0, container.getBlobClient("keep.bin").getBlockBlobClient()
                .listBlocks(BlockListType.COMMITTED).getCommittedBlocks().size(), "still the single Put Blob version");
    }

    @Test
    void streamingWriteCommitsSeveralBlocksAsOneBlob() {
        byte[] data = random(5 * BLOCK + 17, 5);
        try (StoreOutputStream out = store.openOutputStream("blocks.bin", WriteOptions.createOnly().withContentType("application/x-test"))) {
            for (int i = 0; i < data.length; i += 1000) {
                out.write(data, i, Math.min(1000, data.length - i));
            }
            out.commit();
        }

        assertArrayEquals(data, store.readBytes("blocks.bin"));
        assertEquals(6, container.getBlobClient("blocks.bin").getBlockBlobClient()
                .listBlocks(BlockListType.COMMITTED).getCommittedBlocks().size());
        assertEquals("application/x-test", store.getFileInfo("blocks.bin").contentType().orElseThrow());
    }

    @Test
    void createOnlyStreamingCommitOntoAnExistingBlobFailsAndKeepsIt() {
        store.write("taken.bin", utf8("first"));
        StoreOutputStream out = store.openOutputStream("taken.bin", WriteOptions.createOnly());
        out.write(random(2 * BLOCK, 6));

        assertThrows(AlreadyExistsException.class, out::commit);
        assertEquals("first", store.readText("taken.bin"));
    }

    @Test
    void blobsWrittenByThePlainClientWithoutMarkersAreListed() {
        container.getBlobClient("a/b/c.txt").upload(BinaryData.fromString("c"));
        container.getBlobClient("a/top.txt").upload(BinaryData.fromString("t"));

        try (Stream<FolderEntry> folders = store.listFolders("a")) {
            assertEquals(List.of("a/b"), folders.map(FolderEntry::path).toList());
        }
        assertEquals(Set.of("a/b/c.txt", "a/top.txt"), paths(store.listFiles("a", ListOptions.recursive())));
        assertEquals(Set.of("a/top.txt"), paths(store.listFiles("a", ListOptions.flat())));
        assertTrue(store.isFolder("a/b"));
        assertEquals("c", store.readText("a/b/c.txt"));
        assertEquals(Set.of("a/b/c.txt", "a/top.txt"), committedNames(), "the backend added no marker blobs");
    }

    @Test
    void recursiveFolderDeleteBatchesMoreThanOneBatch() {
        for (int i = 0; i < AzureListing.BATCH_SIZE + 3; i++) {
            container.getBlobClient("tmp/f" + i).upload(BinaryData.fromString("x"));
        }
        container.getBlobClient("kept.txt").upload(BinaryData.fromString("k"));

        assertEquals(AzureListing.BATCH_SIZE + 3, store.deleteFolder("tmp", true));
        assertEquals(Set.of("kept.txt"), committedNames());
    }

    @Test
    void unwrapOffersTheContainerTheServiceAndTheNioFileSystem() throws Exception {
        store.write("nio/read-me.txt", utf8("through nio"));

        assertEquals(container.getBlobContainerName(), store.unwrap(BlobContainerClient.class).getBlobContainerName());
        assertEquals(azurite.endpoint().toString(), store.unwrap(BlobServiceClient.class).getAccountUrl());
        FileSystem fs = store.unwrap(FileSystem.class);
        assertInstanceOf(AzureFileSystem.class, fs);
        assertEquals("through nio", Files.readString(fs.getPath(container.getBlobContainerName() + ":/nio/read-me.txt")));
    }

    @Test
    void userMetadataKeysAzureRejectsAreStoredEscapedAndReadBack() {
        store.write("m.txt", utf8("m"), WriteOptions.createOnly().withMetadata(Map.of("owner", "ana", "content-class", "x", "9lives", "y")));

        Map<String, String> raw = container.getBlobClient("m.txt").getProperties().getMetadata();
        assertEquals("ana", raw.get("owner"), "a valid identifier is stored as it is");
        assertEquals("x", raw.get(AzureMetadata.encodeKey("content-class")));
        assertEquals(Map.of("owner", "ana", "content-class", "x", "9lives", "y"), store.getFileInfo("m.txt").metadata());
        FileInfo listed = store.listFiles("", ListOptions.flat()).findFirst().orElseThrow();
        assertEquals(Map.of("owner", "ana", "content-class", "x", "9lives", "y"), listed.metadata());
    }

    @Test
    void createOnlyCopyIsRefusedByTheServerAndLeavesTheTargetAlone() {
        store.write("src.txt", utf8("new"));
        store.write("dst.txt", utf8("old"));

        assertThrows(AlreadyExistsException.class, () -> store.copy("src.txt", "dst.txt"));
        assertEquals("old", store.readText("dst.txt"));
        store.copy("src.txt", "dst.txt", CopyOptions.overwrite());
        assertEquals("new", store.readText("dst.txt"));
    }

    @Test
    void normalMisuseLogsNothingAtErrorLevel() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.INFO);
        events.start();
        root.addAppender(events);
        try {
            store.write("here.txt", utf8("x"));
            assertThrows(NotFoundException.class, () -> store.readBytes("missing.txt"));
            assertThrows(NotFoundException.class, () -> store.getFileInfo("missing.txt"));
            assertThrows(NotFoundException.class, () -> store.openChannel("missing.txt"));
            assertFalse(store.isFile("missing.txt"));
            assertFalse(store.deleteIfExists("missing.txt"));
            assertThrows(AlreadyExistsException.class, () -> store.write("here.txt", utf8("y")));
        } finally {
            root.detachAppender(events);
            root.setLevel(before);
        }
        List<String> errors = events.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void withASasTokenTheBackendCannotPresignAndSaysSo() {
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobContainerSasPermission().setReadPermission(true).setWritePermission(true).setCreatePermission(true)
                        .setListPermission(true).setDeletePermission(true)));
        AzureBackend sasBackend = AzureBackend.create(AzureConfig.builder().account(AzuriteServer.ACCOUNT)
                .container(container.getBlobContainerName()).endpoint(azurite.endpoint()).sasToken(new Secret(sas)).build());
        try {
            Store sasStore = Store.of("sas", sasBackend);
            assertFalse(sasStore.capabilities().has(Capability.PRESIGN));
            sasStore.write("via-sas.txt", utf8("s"));
            assertEquals("s", store.readText("via-sas.txt"));
            assertThrows(UnsupportedCapabilityException.class, () -> sasStore.presignRead("via-sas.txt", Duration.ofMinutes(1)));
            assertThrows(UnsupportedCapabilityException.class, () -> sasBackend.presignWrite("via-sas.txt", Duration.ofMinutes(1)));
        } finally {
            sasBackend.close();
        }
    }

    private Set<String> committedNames() {
        return container.listBlobs().stream().map(b -> b.getName()).collect(Collectors.toSet());
    }

    private Set<String> namesIncludingUncommitted() {
        return container.listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true)), null)
                .stream().map(b -> b.getName()).collect(Collectors.toSet());
    }

    private static Set<String> paths(Stream<FileInfo> files) {
        try (files) {
            return files.map(FileInfo::path).collect(Collectors.toSet());
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
