package dev.remotestore.azure;

import com.azure.core.http.rest.Response;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchStorageException;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Listing and folder operations on the container: paged List Blobs (flat, or by hierarchy with
 * the {@code /} delimiter), consumed lazily page by page, and folder deletion in Blob Batch
 * requests of up to 256 deletes. A folder is a prefix: no marker blobs are read or written.
 */
final class AzureListing {
    /** Blob Batch's largest batch. */
    static final int BATCH_SIZE = 256;

    private final BlobContainerClient container;
    private final BlobBatchClient batch;
    private final int pageSize;

    AzureListing(BlobContainerClient container, BlobBatchClient batch, int pageSize) {
        this.container = container;
        this.batch = batch;
        this.pageSize = pageSize;
    }

    Stream<FileInfo> listFiles(String folder, boolean recursive) {
        String prefix = prefix(folder);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(pageSize)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        try {
            Stream<BlobItem> items = recursive
                    ? container.listBlobs(options, null).stream()
                    : container.listBlobsByHierarchy("/", options, null).stream();
            return items.filter(i -> !Boolean.TRUE.equals(i.isPrefix()))
                    .filter(i -> !i.getName().endsWith("/"))
                    .map(AzureListing::toFileInfo);
        } catch (RuntimeException e) {
            throw AzureErrors.map("List Blobs", folder, e);
        }
    }

    Stream<FolderEntry> listFolders(String folder) {
        String prefix = prefix(folder);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(pageSize);
        try {
            return container.listBlobsByHierarchy("/", options, null).stream()
                    .filter(i -> Boolean.TRUE.equals(i.isPrefix()))
                    .map(i -> i.getName().substring(0, i.getName().length() - 1))
                    .filter(name -> name.length() > prefix.length())
                    .map(FolderEntry::new);
        } catch (RuntimeException e) {
            throw AzureErrors.map("List Blobs", folder, e);
        }
    }

    boolean isFolder(String folder) {
        if (folder.isEmpty()) {
            return true;
        }
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix(folder)).setMaxResultsPerPage(1);
        try {
            Iterator<BlobItem> it = container.listBlobs(options, null).iterator();
            return it.hasNext();
        } catch (RuntimeException e) {
            throw AzureErrors.map("List Blobs", folder, e);
        }
    }

    long deleteFolder(String folder, boolean recursive) {
        if (!recursive) {
            if (isFolder(folder) && !folder.isEmpty()) {
                throw new FolderNotEmptyException("the folder holds files; delete them first or delete recursively", folder);
            }
            if (folder.isEmpty()) {
                try (Stream<FileInfo> any = listFiles("", true)) {
                    if (any.findAny().isPresent()) {
                        throw new FolderNotEmptyException("the folder holds files; delete them first or delete recursively", folder);
                    }
                }
            }
            return 0;
        }
        long deleted = 0;
        List<String> urls = new ArrayList<>(BATCH_SIZE);
        try (Stream<FileInfo> files = listFiles(folder, true)) {
            for (Iterator<FileInfo> it = files.iterator(); it.hasNext(); ) {
                urls.add(container.getBlobClient(it.next().path()).getBlobUrl());
                if (urls.size() == BATCH_SIZE) {
                    deleted += deleteBatch(folder, urls);
                    urls.clear();
                }
            }
        }
        if (!urls.isEmpty()) {
            deleted += deleteBatch(folder, urls);
        }
        return deleted;
    }

    private long deleteBatch(String folder, List<String> urls) {
        long deleted = 0;
        try {
            for (Response<Void> r : batch.deleteBlobs(urls, null)) {
                if (r.getStatusCode() / 100 == 2) {
                    deleted++;
                }
            }
        } catch (BlobBatchStorageException e) {
            // a blob deleted meanwhile is not a failure; anything else is
            long missing = 0;
            for (BlobStorageException each : e.getBatchExceptions()) {
                if (each.getStatusCode() != 404) {
                    throw AzureErrors.map("Blob Batch delete", folder, each);
                }
                missing++;
            }
            deleted = urls.size() - missing;
        } catch (RuntimeException e) {
            throw AzureErrors.map("Blob Batch delete", folder, e);
        }
        return deleted;
    }

    static String prefix(String folder) {
        return folder.isEmpty() ? "" : folder + "/";
    }

    private static FileInfo toFileInfo(BlobItem item) {
        BlobItemProperties p = item.getProperties();
        Instant modified = p.getLastModified() == null ? Instant.EPOCH : p.getLastModified().toInstant();
        return new FileInfo(item.getName(), p.getContentLength() == null ? 0 : p.getContentLength(), modified, p.getETag(),
                AzureBlobs.contentType(p.getContentType()), AzureMetadata.decode(item.getMetadata()), Optional.ofNullable(item.getVersionId()));
    }
}
