package dev.remotestore.examples.commitlog;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ReadOptions;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A backend that counts the requests a commit log makes of the backend it wraps. */
final class CountingBackend extends ForwardingBackend {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger existenceChecks = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();

    CountingBackend(Backend inner) {
        super(inner);
    }

    void reset() {
        reads.set(0);
        writes.set(0);
        existenceChecks.set(0);
        listings.set(0);
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        reads.incrementAndGet();
        return super.read(key, range);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        reads.incrementAndGet();
        return super.openChannel(key);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        writes.incrementAndGet();
        return super.write(key, data, options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        writes.incrementAndGet();
        return super.openOutputStream(key, options);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        existenceChecks.incrementAndGet();
        return super.getFileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        existenceChecks.incrementAndGet();
        return super.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        existenceChecks.incrementAndGet();
        return super.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        listings.incrementAndGet();
        return super.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        listings.incrementAndGet();
        return super.listFolders(folder);
    }
}
