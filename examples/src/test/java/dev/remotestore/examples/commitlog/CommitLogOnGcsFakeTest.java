package dev.remotestore.examples.commitlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.gcs.GcsBackend;
import dev.remotestore.gcs.GcsConfig;
import org.junit.jupiter.api.Test;

/**
 * The commit log on google-cloud-nio's in-memory GCS fake ({@link LocalStorageHelper}). What it
 * can show is little, and this test claims no more: the fake lives in one JVM (so no separate
 * processes), is not thread-safe (so no concurrent writers either), and refuses the
 * {@code ifGenerationMatch=0} precondition that makes a GCS write create-only. So the log must
 * refuse to append there rather than fall back to a write that could overwrite another writer's
 * version. The race itself runs against real GCS in {@link CommitLogMultiProcessTest#gcsLive()}
 * when {@code RS_GCS_BUCKET} is set.
 */
class CommitLogOnGcsFakeTest {
    @Test
    void anAppendOnTheFakeFailsWithATypedErrorAndClaimsNoVersion() {
        Storage storage = LocalStorageHelper.getOptions().getService();
        try (GcsBackend backend = GcsBackend.create(storage, GcsConfig.builder().bucket("fake-bucket").build())) {
            Store store = Store.of("fake-gcs", backend);
            CommitLog log = new CommitLog(store);

            RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> log.append(CommitLogTest.bytes("first")));

            System.out.println("[commit-log] gcs fake refuses the create-only claim: " + e);
            assertFalse(e instanceof AlreadyExistsException, "nothing was there to lose to");
            assertEquals("fake-gcs", e.storeName());
            assertEquals("log/00000000000000000000.json", e.path());
            assertEquals(-1, log.latestVersion());
        }
    }
}
