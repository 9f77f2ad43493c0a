package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.remotestore.contract.TransferFiles.sha256;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.DownloadOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.Store;
import dev.remotestore.TransferListener;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.contract.ProgressRecorder;
import dev.remotestore.contract.TransferFiles;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code store.upload} / {@code store.download} on Azurite through the blob client's parallel file
 * transfers: bytes (SHA-256), block layout, preconditions decided by the server, nothing visible
 * after a refused or failed upload, downloads pinned to the version looked up, progress.
 *
 * <p>Races are landed deterministically from inside the transfer: the first progress report (on
 * an SDK I/O thread) has a second client write or delete the blob and waits for it. That client
 * has its own event loop and unpooled connections, so the wait cannot starve it.
 */
class AzureFileTransferTest {
    private static final int BLOCK = 1024 * 1024;

    @TempDir
    Path dir;

    private AzuriteServer azurite;
    private BlobContainerClient container;
    private AzureBackend backend;
    private Store store;
    private NioEventLoopGroup racerLoop;
    private BlobContainerClient racer;
    private final ExecutorService racerThread = Executors.newSingleThreadExecutor();

    @BeforeEach
    void openStore() {
        azurite = AzuriteServer.shared();
        container = azurite.newContainer("files");
        backend = AzureBackend.create(azurite.config(container.getBlobContainerName()).blockSize(BLOCK).maxConcurrency(4).build());
        store = Store.of("azurite", backend);
        racerLoop = new NioEventLoopGroup(1);
        racer = new BlobServiceClientBuilder().endpoint(azurite.endpoint().toString())
                .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, AzuriteServer.KEY))
                .httpClient(new NettyAsyncHttpClientBuilder().eventLoopGroup(racerLoop)
                        .connectionProvider(ConnectionProvider.newConnection()).build())
                .buildClient().getBlobContainerClient(container.getBlobContainerName());
    }

    @AfterEach
    void close() {
        backend.close();
        container.delete();
        racerThread.shutdownNow();
        racerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 16L * 1024 * 1024 + 1})
    void uploadAndDownloadKeepEveryByte(long size) throws Exception {
        Path source = dir.resolve("source.bin");
        String sha = sha256(TransferFiles.write(source, size, size));
        ProgressRecorder up = new ProgressRecorder();

        WriteResult written = store.upload(source, "files/data.bin", WriteOptions.createOnly(), up);

        Path target = dir.resolve("target.bin");
        ProgressRecorder down = new ProgressRecorder();
        FileInfo info = store.download("files/data.bin", target, DownloadOptions.createOnly(), down);
        assertEquals(sha, sha256(target));
        assertEquals(size, Files.size(target));
        assertEquals(written.etag(), info.etag());
        assertEquals(size, info.size());
        up.assertCompleted(size, 1);
        down.assertCompleted(size, 1);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(Set.of("source.bin", "target.bin"), left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                    "no temporary file left beside the target");
        }
    }

    /** One large file on the backend's default block size and concurrency; prints the rates seen. */
    @Test
    void aThreeHundredMebibyteFileRoundTrips() throws Exception {
        long size = 300L * 1024 * 1024;
        Path source = dir.resolve("big.bin");
        String sha = sha256(TransferFiles.write(source, size, 300));
        try (AzureBackend defaults = AzureBackend.create(azurite.config(container.getBlobContainerName()).build())) {
            Store big = Store.of("azurite-defaults", defaults);
            ProgressRecorder up = new ProgressRecorder();
            long t0 = System.nanoTime();
            big.upload(source, "big/300MiB.bin", WriteOptions.createOnly(), up);
            long t1 = System.nanoTime();
            Path target = dir.resolve("big-copy.bin");
            ProgressRecorder down = new ProgressRecorder();
            big.download("big/300MiB.bin", target, DownloadOptions.createOnly(), down);
            long t2 = System.nanoTime();

            System.out.printf("[azure file transfer] 300 MiB on Azurite: upload %.1f s (%.0f MiB/s), download %.1f s (%.0f MiB/s)%n",
                    (t1 - t0) / 1e9, 300 / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, 300 / ((t2 - t1) / 1e9));
            assertEquals(sha, sha256(target));
            up.assertCompleted(size, 1);
            down.assertCompleted(size, 1);
            long block = defaults.unwrap(AzureConfig.class).orElseThrow().blockSize();
            BlockList blocks = container.getBlobClient("big/300MiB.bin").getBlockBlobClient().listBlocks(BlockListType.ALL);
            assertEquals((size + block - 1) / block, blocks.getCommittedBlocks().size(), "blocks of the configured block-size");
        }
    }

    @Test
    void aFileOfOneBlockIsOnePutBlobAndALargerOneIsCommittedInBlocksOfBlockSize() throws Exception {
        Path one = dir.resolve("one.bin");
        TransferFiles.write(one, BLOCK, 1);
        Path more = dir.resolve("more.bin");
        TransferFiles.write(more, 3L * BLOCK + 1, 2);

        store.upload(one, "one.bin");
        store.upload(more, "more.bin");

        assertEquals(0, committedBlocks("one.bin").size(), "Put Blob commits no block list");
        List<Long> sizes = committedBlocks("more.bin").stream().map(b -> b.getSizeLong()).toList();
        assertEquals(List.of((long) BLOCK, (long) BLOCK, (long) BLOCK, 1L), sizes);
    }

    @Test
    void contentTypeAndMetadataTravelWithTheUpload() throws Exception {
        Path small = dir.resolve("small.bin");
        TransferFiles.write(small, 10, 3);
        Path large = dir.resolve("large.bin");
        TransferFiles.write(large, 2L * BLOCK + 7, 4);
        WriteOptions options = WriteOptions.createOnly().withContentType("text/csv").withMetadata(Map.of("owner-id", "42", "plain", "x"));

        store.upload(small, "small.csv", options);
        store.upload(large, "large.csv", options);

        for (String path : List.of("small.csv", "large.csv")) {
            FileInfo info = store.getFileInfo(path);
            assertEquals("text/csv", info.contentType().orElseThrow(), path);
            assertEquals(Map.of("owner-id", "42", "plain", "x"), info.metadata(), path);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {100, 3L * 1024 * 1024 + 3})
    void createOnlyUploadOntoAnExistingFileIsRefusedAndLeavesItUntouched(long size) throws Exception {
        byte[] old = random(1000, 5);
        String etag = store.write("taken.bin", old).etag();
        Path file = dir.resolve("new.bin");
        TransferFiles.write(file, size, 6);

        assertThrows(AlreadyExistsException.class, () -> store.upload(file, "taken.bin", WriteOptions.createOnly()));

        assertArrayEquals(old, store.readBytes("taken.bin"));
        assertEquals(etag, store.getFileInfo("taken.bin").etag());
        // the multi-block case is refused before any block is sent (one HEAD), the single one by the server (409)
        assertEquals(0, blocks("taken.bin").getUncommittedBlocks().size(), "no block staged");
    }

    @Test
    void createOnlyUploadThatLosesARaceIsRefusedAtCommitAndLeavesTheWinner() throws Exception {
        Path file = dir.resolve("late.bin");
        TransferFiles.write(file, 4L * BLOCK + 3, 7);
        byte[] winner = random(500, 8);
        TransferListener race = onFirstProgress(() -> racer.getBlobClient("race.bin").upload(BinaryData.fromBytes(winner)));

        assertThrows(AlreadyExistsException.class, () -> store.upload(file, "race.bin", WriteOptions.createOnly(), race));

        assertArrayEquals(winner, store.readBytes("race.bin"), "the winner's bytes, not a part of ours");
        assertEquals(0, committedBlocks("race.bin").size(), "still the winner's single Put Blob");
        assertEquals(Set.of("race.bin"), committedNames());
    }

    @Test
    void compareAndSwapUploadReplacesOnlyTheVersionItNames() throws Exception {
        String v1 = store.write("state.bin", random(100, 9)).etag();
        Path file = dir.resolve("v2.bin");
        String sha = sha256(TransferFiles.write(file, 2L * BLOCK + 11, 10));

        WriteResult v2 = store.upload(file, "state.bin", WriteOptions.ifMatch(v1));
        assertNotEquals(v1, v2.etag());
        assertEquals(sha, sha256(store, "state.bin"));

        Path stale = dir.resolve("stale.bin");
        TransferFiles.write(stale, 2L * BLOCK, 11);
        assertThrows(PreconditionFailedException.class, () -> store.upload(stale, "state.bin", WriteOptions.ifMatch(v1)));
        Path staleSmall = dir.resolve("stale-small.bin");
        TransferFiles.write(staleSmall, 5, 12);
        assertThrows(PreconditionFailedException.class, () -> store.upload(staleSmall, "state.bin", WriteOptions.ifMatch(v1)));
        assertEquals(v2.etag(), store.getFileInfo("state.bin").etag());
        assertEquals(sha, sha256(store, "state.bin"));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {5, 2L * 1024 * 1024 + 1})
    void compareAndSwapUploadOntoAMissingFileLeavesNothingVisible(long size) throws Exception {
        String etag = store.write("gone.bin", random(10, 13)).etag();
        store.delete("gone.bin");
        Path file = dir.resolve("cas.bin");
        TransferFiles.write(file, size, 14);

        assertThrows(PreconditionFailedException.class, () -> store.upload(file, "gone.bin", WriteOptions.ifMatch(etag)));

        assertFalse(store.isFile("gone.bin"));
        assertEquals(Set.of(), committedNames());
        assertEquals(Set.of(), namesIncludingUncommitted(), "refused before any block was staged");
    }

    /** The blob is deleted while the blocks go out: the commit's If-Match fails and no blob appears. */
    @Test
    void anUploadWhoseCommitIsRefusedLeavesNoBlob() throws Exception {
        String etag = store.write("doomed.bin", random(10, 15)).etag();
        Path file = dir.resolve("doomed.bin");
        TransferFiles.write(file, 3L * BLOCK, 16);
        TransferListener race = onFirstProgress(() -> racer.getBlobClient("doomed.bin").delete());

        assertThrows(PreconditionFailedException.class, () -> store.upload(file, "doomed.bin", WriteOptions.ifMatch(etag), race));

        assertFalse(store.isFile("doomed.bin"));
        assertEquals(Set.of(), committedNames());
        try (Stream<FileInfo> listed = store.listFiles("", dev.remotestore.ListOptions.recursive())) {
            assertEquals(0, listed.count());
        }
        // the staged blocks exist only as an uncommitted blob, which Azure discards within a week (adr/0041)
        assertEquals(0, blocks("doomed.bin").getCommittedBlocks().size());
    }

    @Test
    void aDownloadOfAFileReplacedMidwayFailsWithPreconditionFailed() throws Exception {
        byte[] v1 = random(6 * BLOCK, 17);
        store.write("moving.bin", v1);
        Path target = dir.resolve("moving.bin");
        try (AzureBackend oneAtATime = AzureBackend.create(azurite.config(container.getBlobContainerName())
                .blockSize(AzureConfig.MIN_BLOCK_SIZE).maxConcurrency(1).build())) {
            Store slow = Store.of("azurite-serial", oneAtATime);
            TransferListener race = onFirstProgress(
                    () -> racer.getBlobClient("moving.bin").upload(BinaryData.fromBytes(random(10, 18)), true));

            assertThrows(PreconditionFailedException.class, () -> slow.download("moving.bin", target, DownloadOptions.createOnly(), race));
        }
        assertFalse(Files.exists(target), "no partial file");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }

    @Test
    void aDownloadOfAVersionNoLongerCurrentIsRefused() throws Exception {
        store.write("old.bin", random(100, 19));
        FileInfo lookedUp = backend.getFileInfo("old.bin");
        store.write("old.bin", random(100, 20), WriteOptions.overwrite());
        Path temp = Files.createFile(dir.resolve("temp.part"));

        assertThrows(PreconditionFailedException.class, () -> backend.download("old.bin", lookedUp, temp, n -> { }));
    }

    @Test
    void progressIncrementsNeverGoBackWhenTheSdkRestartsABlock() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        var listener = AzureFileTransfer.increments(seen::add);
        listener.handleProgress(100);
        listener.handleProgress(60); // a retried block: the SDK's running total steps back
        listener.handleProgress(100);
        listener.handleProgress(250);

        assertEquals(List.of(100L, 150L), seen);
    }

    @Test
    void aFileTooLargeForTheConfiguredBlocksGetsLargerBlocks() {
        AzureFileTransfer transfer = new AzureFileTransfer(new AzureBlobs(container), BLOCK, 4);

        assertEquals(BLOCK, transfer.blockSizeFor("k", 50_000L * BLOCK));
        assertEquals(BLOCK + 1, transfer.blockSizeFor("k", 50_000L * BLOCK + 1));
        assertThrows(dev.remotestore.RemoteStoreException.class,
                () -> transfer.blockSizeFor("k", 50_000L * AzureConfig.MAX_BLOCK_SIZE + 1));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Runs {@code race} on another thread at the transfer's first progress report and waits for it. */
    private TransferListener onFirstProgress(Runnable race) {
        AtomicBoolean fired = new AtomicBoolean();
        return progress -> {
            if (progress.bytesDone() > 0 && !progress.finished() && fired.compareAndSet(false, true)) {
                CompletableFuture<Void> done = CompletableFuture.runAsync(race, racerThread);
                try {
                    done.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the racing write failed", e);
                }
            }
        };
    }

    private List<com.azure.storage.blob.models.Block> committedBlocks(String name) {
        return blocks(name).getCommittedBlocks();
    }

    private BlockList blocks(String name) {
        return container.getBlobClient(name).getBlockBlobClient().listBlocks(BlockListType.ALL);
    }

    private Set<String> committedNames() {
        return container.listBlobs().stream().map(b -> b.getName()).collect(Collectors.toSet());
    }

    private Set<String> namesIncludingUncommitted() {
        return container.listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(true)), null)
                .stream().map(b -> b.getName()).collect(Collectors.toSet());
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
