package dev.remotestore.examples.commitlog;

import dev.remotestore.Capabilities;
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
final class CountingBackend implements Backend {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger existenceChecks = new AtomicInteger();
    final AtomicInteger listings = new AtomicInteger();
    private final Backend inner;

    CountingBackend(Backend inner) {
        this.inner = inner;
    }

    void reset() {
        reads.set(0);
        writes.set(0);
        existenceChecks.set(0);
        listings.set(0);
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public Capabilities capabilities() {
        return inner.capabilities();
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        reads.incrementAndGet();
        return inner.read(key, range);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        reads.incrementAndGet();
        return inner.openChannel(key);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        writes.incrementAndGet();
        return inner.write(key, data, options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        writes.incrementAndGet();
        return inner.openOutputStream(key, options);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        existenceChecks.incrementAndGet();
        return inner.getFileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        existenceChecks.incrementAndGet();
        return inner.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        existenceChecks.incrementAndGet();
        return inner.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        listings.incrementAndGet();
        return inner.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        listings.incrementAndGet();
        return inner.listFolders(folder);
    }

    @Override
    public boolean delete(String key) {
        writes.incrementAndGet();
        return inner.delete(key);
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        writes.incrementAndGet();
        return inner.deleteFolder(folder, recursive);
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        writes.incrementAndGet();
        return inner.copy(sourceKey, targetKey, overwrite);
    }

    @Override
    public void ping() {
        inner.ping();
    }

    @Override
    public void close() {
        inner.close();
    }
}
