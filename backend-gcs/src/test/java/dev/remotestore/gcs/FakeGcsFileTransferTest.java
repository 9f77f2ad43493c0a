package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.remotestore.DownloadOptions;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file upload and download paths also work on google-cloud-nio's in-memory fake, which the
 * contract suite runs on ({@link FakeGcsStoreContractTest}): below and above {@code chunk-size}.
 * The fake has no generations and refuses preconditions on simple uploads, so create-only,
 * compare-and-swap and pinned downloads are checked on the wire ({@link GcsWireFileTransferTest})
 * and on live GCS, not here.
 */
class FakeGcsFileTransferTest {
    private static final int CHUNK = GcsConfig.CHUNK_GRANULARITY;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 4L * CHUNK + 1})
    void overwritingUploadAndDownloadRoundTrip(long size) throws Exception {
        Store store = Store.of("fake-gcs", GcsBackend.create(LocalStorageHelper.getOptions().getService(),
                GcsConfig.builder().bucket(FakeGcsStoreContractTest.BUCKET).chunkSize(CHUNK).build()));
        Path source = dir.resolve("source.bin");
        String sha = GcsWireFileTransferTest.writeRandomFile(source, size, size);

        store.upload(source, "data.bin", WriteOptions.overwrite());
        Path target = dir.resolve("target.bin");
        store.download("data.bin", target, DownloadOptions.createOnly());

        assertEquals(sha, GcsWireFileTransferTest.sha256(target));
        assertEquals(size, Files.size(target));
    }
}
