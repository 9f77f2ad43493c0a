package com.example.rsmap;

import dev.remotestore.Capabilities;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ReadOptions;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.local.MemoryBackend;
import dev.remotestore.spi.Backend;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.stream.Stream;

/**
 * The smallest honest third-party backend: it keeps files in a remote-store memory backend and
 * answers under its own type. A real backend talks to its storage in these methods and maps its
 * errors to RemoteStoreException subclasses; the contract suite checks either the same way.
 */
final class ExampleMapBackend implements Backend {
    static final String TYPE = "example-map";

    private final Backend files = MemoryBackend.create();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Capabilities capabilities() {
        return files.capabilities();
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        return files.read(key, range);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        return files.openChannel(key);
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        return files.write(key, data, options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        return files.openOutputStream(key, options);
    }

    @Override
    public FileInfo getFileInfo(String key) {
        return files.getFileInfo(key);
    }

    @Override
    public boolean isFile(String key) {
        return files.isFile(key);
    }

    @Override
    public boolean isFolder(String key) {
        return files.isFolder(key);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        return files.listFiles(folder, recursive);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        return files.listFolders(folder);
    }

    @Override
    public boolean delete(String key) {
        return files.delete(key);
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        return files.deleteFolder(folder, recursive);
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        return files.copy(sourceKey, targetKey, overwrite);
    }

    @Override
    public WriteResult move(String sourceKey, String targetKey, boolean overwrite) {
        return files.move(sourceKey, targetKey, overwrite);
    }

    @Override
    public void ping() {
        files.ping();
    }

    @Override
    public void close() {
        files.close();
    }
}
