package dev.remotestore.local;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.StoreClosedException;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code type = memory}: files in a sorted concurrent map, for tests and examples. Thread-safe.
 *
 * <p>Follows object-store semantics: a key and a folder of the same name may coexist, folders
 * exist while a key lies under them. Create-only and compare-and-swap are atomic map operations
 * ({@code putIfAbsent}, {@code replace(key, old, new)}). Every write gets a fresh ETag, even for
 * identical bytes. {@link #move} is a copy then a conditional remove, so it is not atomic for
 * readers: the backend does not declare {@link Capability#ATOMIC_MOVE}.
 */
public final class MemoryBackend implements Backend {
    static final String TYPE = "memory";

    private static final Capabilities CAPABILITIES = Capabilities.of(
            Capability.CREATE_ONLY, Capability.COMPARE_AND_SWAP, Capability.CONTENT_TYPE, Capability.USER_METADATA);

    /** One stored file. The array is never modified after the entry is built. */
    record Entry(byte[] data, Instant lastModified, String etag, String contentType, Map<String, String> metadata) {
    }

    private final ConcurrentSkipListMap<String, Entry> files = new ConcurrentSkipListMap<>();
    private final AtomicLong writes = new AtomicLong();
    private volatile boolean closed;

    private MemoryBackend() {
    }

    /** A new, empty backend. */
    public static MemoryBackend create() {
        return new MemoryBackend();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        byte[] data = entry(key).data();
        int from = (int) Math.min(range.offset(), data.length);
        long wanted = range.length().orElse(Long.MAX_VALUE);
        int length = (int) Math.min(wanted, data.length - from);
        return new ByteArrayInputStream(data, from, length);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        return new ByteArrayChannel(entry(key).data());
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        return store(key, data.clone(), options);
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        ensureOpen(key);
        return new MemoryOutputStream(key, options, this);
    }

    /** Stores {@code data} (owned by the callee from here on) under the options' precondition. */
    WriteResult store(String key, byte[] data, WriteOptions options) {
        ensureOpen(key);
        Entry entry = newEntry(data, options.contentType().orElse(null), options.metadata());
        switch (options.mode()) {
            case OVERWRITE -> files.put(key, entry);
            case CREATE_ONLY -> {
                if (files.putIfAbsent(key, entry) != null) {
                    throw new AlreadyExistsException("a file exists at this key", key);
                }
            }
            case IF_MATCH -> {
                String expected = options.expectedEtag().orElseThrow();
                while (true) {
                    Entry current = files.get(key);
                    if (current == null) {
                        throw new PreconditionFailedException("no file to compare-and-swap", key);
                    }
                    if (!current.etag().equals(expected)) {
                        throw new PreconditionFailedException("the file's ETag is " + current.etag() + ", not " + expected, key);
                    }
                    if (files.replace(key, current, entry)) {
                        break;
                    }
                }
            }
            default -> throw new IllegalStateException(options.mode().toString());
        }
        return new WriteResult(key, entry.etag(), Optional.empty());
    }

    @Override
    public FileInfo getFileInfo(String key) {
        Entry e = entry(key);
        return info(key, e);
    }

    @Override
    public boolean isFile(String key) {
        ensureOpen(key);
        return files.containsKey(key);
    }

    @Override
    public boolean isFolder(String key) {
        ensureOpen(key);
        if (key.isEmpty()) {
            return true;
        }
        String prefix = key + "/";
        String next = files.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        ensureOpen(folder);
        String prefix = prefix(folder);
        return under(prefix)
                .filter(e -> recursive || e.getKey().indexOf('/', prefix.length()) < 0)
                .map(e -> info(e.getKey(), e.getValue()));
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        ensureOpen(folder);
        String prefix = prefix(folder);
        Iterator<FolderEntry> it = new Iterator<>() {
            private String cursor = files.ceilingKey(prefix);
            private FolderEntry next = advance();

            private FolderEntry advance() {
                while (cursor != null && cursor.startsWith(prefix)) {
                    int slash = cursor.indexOf('/', prefix.length());
                    if (slash >= 0) {
                        String dir = cursor.substring(0, slash);
                        // '0' follows '/' in code-point order: skip every key under dir + "/"
                        cursor = files.ceilingKey(dir + "0");
                        return new FolderEntry(dir);
                    }
                    cursor = files.higherKey(cursor);
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public FolderEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                FolderEntry result = next;
                next = advance();
                return result;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean delete(String key) {
        ensureOpen(key);
        return files.remove(key) != null;
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        ensureOpen(folder);
        String prefix = prefix(folder);
        ConcurrentNavigableMap<String, Entry> view = files.tailMap(prefix);
        if (!recursive) {
            String first = view.isEmpty() ? null : view.firstKey();
            if (first != null && first.startsWith(prefix)) {
                throw new FolderNotEmptyException("the folder holds files, e.g. " + first, folder);
            }
            return 0;
        }
        long deleted = 0;
        for (String key : view.keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (files.remove(key) != null) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        Entry source = entry(sourceKey);
        return store(targetKey, source.data(), copyOptions(source, overwrite));
    }

    @Override
    public WriteResult move(String sourceKey, String targetKey, boolean overwrite) {
        Entry source = entry(sourceKey);
        WriteResult result = store(targetKey, source.data(), copyOptions(source, overwrite));
        files.remove(sourceKey, source);
        return result;
    }

    private static WriteOptions copyOptions(Entry source, boolean overwrite) {
        WriteOptions options = overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly();
        if (source.contentType() != null) {
            options = options.withContentType(source.contentType());
        }
        return source.metadata().isEmpty() ? options : options.withMetadata(source.metadata());
    }

    @Override
    public void ping() {
        ensureOpen(null);
    }

    @Override
    public void close() {
        closed = true;
        files.clear();
    }

    @Override
    public String toString() {
        return "MemoryBackend{files=" + files.size() + (closed ? ", closed" : "") + '}';
    }

    private Entry newEntry(byte[] data, String contentType, Map<String, String> metadata) {
        return new Entry(data, Instant.now(), String.format("m%016x", writes.incrementAndGet()), contentType, Map.copyOf(metadata));
    }

    private Entry entry(String key) {
        ensureOpen(key);
        Entry e = files.get(key);
        if (e == null) {
            throw new NotFoundException("no file at this key", key);
        }
        return e;
    }

    private Stream<Map.Entry<String, Entry>> under(String prefix) {
        return files.tailMap(prefix).entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix));
    }

    private static FileInfo info(String key, Entry e) {
        return new FileInfo(key, e.data().length, e.lastModified(), e.etag(),
                Optional.ofNullable(e.contentType()), e.metadata(), Optional.empty());
    }

    private static String prefix(String folder) {
        return folder.isEmpty() ? "" : folder + "/";
    }

    private void ensureOpen(String key) {
        if (closed) {
            throw new StoreClosedException("the memory backend is closed", key);
        }
    }
}
