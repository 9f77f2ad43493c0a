package dev.remotestore.benchmarks;

import dev.remotestore.DownloadOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import dev.remotestore.s3crt.DropExpectContinue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Issue 16: a 1 GiB local file uploaded and downloaded, default settings, straight to S3Proxy
 * ({@code loopback}) and through the {@link ShapingProxy} ({@code shaped}). Variants:
 * <ul>
 *   <li>{@code s3-crt-file}, {@code s3-file}: {@code store.upload} / {@code store.download} (the
 *       backends' file paths; the download lands in a temporary file moved into place);
 *   <li>{@code s3-crt-stream}, {@code s3-stream}: what an application does without them,
 *       {@code store.write(path, InputStream)} from the file and {@code store.read} copied into it;
 *   <li>{@code tm}: the SDK's own file transfer, {@link S3TransferManager} {@code uploadFile} /
 *       {@code downloadFile} on the CRT client (the s3-crt store's, through {@code unwrap}: the
 *       same client and settings).
 * </ul>
 * The local files live in run.sh's tmpfs folder, so the disk is not what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class FileTransferBenchmark {
    private static final long SIZE = 1024L * BenchEnv.MiB;
    private static final String GET_KEY = "file-get-1GiB";
    /** S3Proxy's Jetty mishandles the CRT's Expect: 100-continue on CreateMultipartUpload (as the store does). */
    private static final Consumer<AwsRequestOverrideConfiguration.Builder> DROP_EXPECT =
            o -> o.addPlugin(DropExpectContinue.PLUGIN);

    @Param({"s3-crt-file", "s3-crt-stream", "s3-file", "s3-stream", "tm"})
    public String variant;

    @Param({"loopback", "shaped"})
    public String link;

    private Registry registry;
    private Store store;
    private S3TransferManager tm;
    private static final TransferListener NO_OP_LISTENER = new TransferListener() { };
    private Path source;
    private Path target;
    private String putKey;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String type = variant.startsWith("s3-crt") || variant.startsWith("tm") ? "s3-crt" : "s3";
        registry = BenchEnv.s3Registry(type, BenchEnv.endpoint(link), "");
        store = BenchEnv.store(registry);
        tm = variant.startsWith("tm") ? store.unwrap(S3TransferManager.class) : null;
        Path dir = Path.of(System.getProperty(BenchEnv.LOCAL_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        source = dir.resolve("file-transfer-source-1GiB.bin");
        if (!Files.isRegularFile(source) || Files.size(source) != SIZE) {
            writeRandom(source);
        }
        target = dir.resolve("file-transfer-target-" + variant + ".bin");
        putKey = "file-put-1GiB-" + variant;
        if (!store.isFile(GET_KEY)) {
            store.upload(source, GET_KEY, WriteOptions.overwrite());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.deleteIfExists(putKey);
        Files.deleteIfExists(target);
        registry.close();
    }

    /**
     * Removes what {@code op} made (the uploaded object or the downloaded file), for
     * {@link FileTransferRounds}: without it every variant keeps a 1 GiB object and a 1 GiB file
     * in the tmpfs that S3Proxy and the local files share, 14 GiB on a 24 GiB machine, and the
     * transfers that need one more GiB for a moment ran into the kernel reclaiming memory.
     */
    void removeResult(String op) throws IOException {
        if (op.equals("upload1GiB")) {
            store.deleteIfExists(putKey);
        } else {
            Files.deleteIfExists(target);
        }
    }

    @Benchmark
    public void upload1GiB() throws IOException {
        switch (variant) {
            case "tm", "tm-listener" -> tm.uploadFile(u -> u.source(source)
                    .putObjectRequest(p -> p.bucket(BenchEnv.BUCKET).key(putKey).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
            case "s3-crt-stream", "s3-stream" -> {
                try (InputStream in = Files.newInputStream(source)) {
                    store.write(putKey, in, WriteOptions.overwrite());
                }
            }
            default -> store.upload(source, putKey, WriteOptions.overwrite());
        }
    }

    @Benchmark
    public long download1GiB() throws IOException {
        switch (variant) {
            case "tm" -> tm.downloadFile(d -> d.destination(target)
                    .getObjectRequest(g -> g.bucket(BenchEnv.BUCKET).key(GET_KEY).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
            // the same with a transfer listener attached, as the s3-crt store's download attaches one for progress
            case "tm-listener" -> tm.downloadFile(d -> d.destination(target).addTransferListener(NO_OP_LISTENER)
                    .getObjectRequest(g -> g.bucket(BenchEnv.BUCKET).key(GET_KEY).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
            // diagnostics for the s3-crt file download (issue 16): each adds one thing ours does
            case "tm-fresh" -> {
                Files.deleteIfExists(target);
                tm.downloadFile(d -> d.destination(target)
                        .getObjectRequest(g -> g.bucket(BenchEnv.BUCKET).key(GET_KEY).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
            }
            case "tm-temp" -> {
                Path temp = target.resolveSibling("." + target.getFileName() + ".part");
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                tm.downloadFile(d -> d.destination(temp)
                        .getObjectRequest(g -> g.bucket(BenchEnv.BUCKET).key(GET_KEY).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            case "tm-ifmatch" -> {
                String etag = store.getFileInfo(GET_KEY).etag();
                tm.downloadFile(d -> d.destination(target)
                        .getObjectRequest(g -> g.bucket(BenchEnv.BUCKET).key(GET_KEY).ifMatch(etag).overrideConfiguration(DROP_EXPECT))).completionFuture().join();
            }
            case "s3-crt-file-fresh" -> {
                Files.deleteIfExists(target);
                store.download(GET_KEY, target, DownloadOptions.overwrite());
            }
            case "s3-crt-stream", "s3-stream" -> {
                try (InputStream in = store.read(GET_KEY)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            default -> store.download(GET_KEY, target, DownloadOptions.overwrite());
        }
        long n = Files.size(target);
        BenchEnv.expect(SIZE, n, "download1GiB " + variant);
        return n;
    }

    private static void writeRandom(Path file) throws IOException {
        Random random = new Random(SIZE);
        byte[] chunk = new byte[BenchEnv.MiB];
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            for (long left = SIZE; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
