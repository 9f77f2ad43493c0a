package dev.remotestore.gcs;

import com.google.cloud.BatchResult;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobSourceOption;
import com.google.cloud.storage.StorageBatch;
import com.google.cloud.storage.StorageException;
import dev.remotestore.RemoteStoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Deletes many objects in {@link StorageBatch} requests of up to 100 deletes each, as the keys
 * arrive from a lazy listing. An object that is already gone (404) is not counted and is no error;
 * any other failure stops the deletion after the current batch and is raised, mapped. A batch of
 * one is sent as a plain delete.
 */
final class GcsBatchDelete {
    private final Storage storage;
    private final String bucket;
    private final BlobSourceOption[] options;
    private final int batchSize;

    GcsBatchDelete(Storage storage, String bucket, BlobSourceOption[] options, int batchSize) {
        this.storage = storage;
        this.bucket = bucket;
        this.options = options;
        this.batchSize = batchSize;
    }

    /** Deletes every key; returns how many objects were deleted. */
    long deleteAll(String folder, Iterator<String> keys) {
        long deleted = 0;
        List<String> pending = new ArrayList<>(batchSize);
        while (keys.hasNext()) {
            pending.add(keys.next());
            if (pending.size() == batchSize) {
                deleted += submit(folder, pending);
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            deleted += submit(folder, pending);
        }
        return deleted;
    }

    private long submit(String folder, List<String> keys) {
        if (keys.size() == 1) {
            String key = keys.get(0);
            try {
                return storage.delete(BlobId.of(bucket, key), options) ? 1 : 0;
            } catch (RuntimeException e) {
                throw GcsErrors.map("delete", key, e);
            }
        }
        AtomicLong deleted = new AtomicLong();
        AtomicReference<RemoteStoreException> firstFailure = new AtomicReference<>();
        try {
            StorageBatch batch = storage.batch();
            for (String key : keys) {
                batch.delete(BlobId.of(bucket, key), options).notify(new BatchResult.Callback<Boolean, StorageException>() {
                    @Override
                    public void success(Boolean wasThere) {
                        if (Boolean.TRUE.equals(wasThere)) {
                            deleted.incrementAndGet();
                        }
                    }

                    @Override
                    public void error(StorageException e) {
                        if (!GcsErrors.isNotFound(e)) {
                            firstFailure.compareAndSet(null, GcsErrors.map("delete", key, e));
                        }
                    }
                });
            }
            batch.submit();
        } catch (RuntimeException e) {
            throw GcsErrors.map("batch delete", folder, e);
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        return deleted.get();
    }
}
