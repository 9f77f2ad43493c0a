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
import java.util.stream.Stream;

/** A backend that passes every call to another; subclasses change what a test needs. */
abstract class ForwardingBackend implements Backend {
    protected final Backend inner;

    ForwardingBackend(Backend inner) {
        this.inner = inner;
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
        return inner.read(key, range);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        return inner.openChannel(key);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        return inner.write(key, data, options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        return inner.openOutputStream(key, options);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        return inner.getFileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        return inner.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        return inner.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        return inner.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        return inner.listFolders(folder);
    }

    @Override
    public boolean delete(String key) {
        return inner.delete(key);
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        return inner.deleteFolder(folder, recursive);
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
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
