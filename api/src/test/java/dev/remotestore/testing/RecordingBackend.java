package dev.remotestore.testing;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capabilities;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.ReadOptions;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * An in-memory {@link Backend} for the api's own tests. It records every call it receives (so a
 * test can assert that the store refused a request before any I/O), declares whatever
 * capabilities it is given, and can be told to fail its next call or its {@link #close()}.
 *
 * <p>Capabilities it lacks are not emulated: if the store ever asked for one, the call is
 * recorded, which is what the gating tests check for.
 */
public final class RecordingBackend implements Backend {

    /** What {@link #unwrap} offers as this backend's "native client". */
    public static final class FakeClient {
        private FakeClient() {
        }
    }

    private record Entry(byte[] data, String etag, Instant lastModified, Optional<String> contentType,
            Map<String, String> metadata) {
    }

    private final String type;
    private final Capabilities capabilities;
    private final BackendSettings settings;
    private final boolean failOnClose;
    private final FakeClient client = new FakeClient();
    private final Map<String, Entry> objects = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong etags = new AtomicLong();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

    private RecordingBackend(String type, Capabilities capabilities, BackendSettings settings, boolean failOnClose) {
        this.type = type;
        this.capabilities = capabilities;
        this.settings = settings;
        this.failOnClose = failOnClose;
    }

    /** A backend built in code, declaring {@code capabilities}. */
    public static RecordingBackend withCapabilities(Capabilities capabilities) {
        return new RecordingBackend(RecordingBackendProvider.TYPE, capabilities, null, false);
    }

    /** A backend built in code whose {@link #close()} throws. */
    public static RecordingBackend failingOnClose() {
        return new RecordingBackend(RecordingBackendProvider.TYPE, Capabilities.all(), null, true);
    }

    static RecordingBackend fromSettings(BackendSettings settings, boolean failOnClose) {
        return new RecordingBackend(RecordingBackendProvider.TYPE, Capabilities.all(), settings, failOnClose);
    }

    /** The settings the provider built this backend from, or {@code null} when built in code. */
    public BackendSettings settings() {
        return settings;
    }

    /** Every call received so far, as {@code "operation:key"}, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many times {@link #close()} was called. */
    public int closeCount() {
        return closes.get();
    }

    /** The keys stored, sorted. */
    public List<String> keys() {
        return new ArrayList<>(new TreeSet<>(objects.keySet()));
    }

    /** The bytes stored under a full key, or {@code null}. */
    public byte[] bytesAt(String key) {
        Entry e = objects.get(key);
        return e == null ? null : e.data().clone();
    }

    /** Makes the next call (any operation) throw {@code failure} after being recorded. */
    public void failNextCallWith(RuntimeException failure) {
        nextFailure.set(failure);
    }

    private void record(String operation, String key) {
        calls.add(operation + ":" + key);
        RuntimeException failure = nextFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public InputStream read(String key, ReadOptions range) {
        record("read", key);
        byte[] data = require(key).data();
        int from = (int) Math.min(range.offset(), data.length);
        int to = (int) Math.min(data.length, range.length().isPresent() ? from + range.length().getAsLong() : data.length);
        return new ByteArrayInputStream(data, from, to - from);
    }

    @Override
    public SeekableByteChannel openChannel(String key) {
        record("openChannel", key);
        throw new UnsupportedOperationException("openChannel is not needed by the api tests");
    }

    @Override
    public WriteResult write(String key, byte[] data, WriteOptions options) {
        record("write", key);
        return put(key, data.clone(), options);
    }

    private WriteResult put(String key, byte[] data, WriteOptions options) {
        Entry entry = new Entry(data, "etag-" + etags.incrementAndGet(), Instant.now(), options.contentType(),
                options.metadata());
        objects.compute(key, (k, old) -> {
            switch (options.mode()) {
                case CREATE_ONLY -> {
                    if (old != null) {
                        throw new AlreadyExistsException("file exists", key);
                    }
                }
                case IF_MATCH -> {
                    if (old == null || !old.etag().equals(options.expectedEtag().orElseThrow())) {
                        throw new PreconditionFailedException("etag does not match", key);
                    }
                }
                case OVERWRITE -> {
                }
            }
            return entry;
        });
        return new WriteResult(key, entry.etag(), Optional.empty());
    }

    @Override
    public StoreOutputStream openOutputStream(String key, WriteOptions options) {
        record("openOutputStream", key);
        return new StoreOutputStream() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private boolean committed;
            private boolean aborted;

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public WriteResult commit() {
                if (committed || aborted) {
                    throw new IllegalStateException("already finished");
                }
                calls.add("commit:" + key);
                WriteResult result = put(key, buffer.toByteArray(), options);
                committed = true;
                return result;
            }

            @Override
            public void abort() {
                if (!committed && !aborted) {
                    aborted = true;
                    calls.add("abort:" + key);
                }
            }

            @Override
            public boolean isCommitted() {
                return committed;
            }
        };
    }

    @Override
    public FileInfo getFileInfo(String key) {
        record("getFileInfo", key);
        return info(key, require(key));
    }

    private static FileInfo info(String key, Entry e) {
        return new FileInfo(key, e.data().length, e.lastModified(), e.etag(), e.contentType(), e.metadata(), Optional.empty());
    }

    private Entry require(String key) {
        Entry e = objects.get(key);
        if (e == null) {
            throw new NotFoundException("no such file", key);
        }
        return e;
    }

    @Override
    public boolean isFile(String key) {
        record("isFile", key);
        return objects.containsKey(key);
    }

    @Override
    public boolean isFolder(String key) {
        record("isFolder", key);
        return key.isEmpty() || objects.keySet().stream().anyMatch(k -> k.startsWith(key + "/"));
    }

    @Override
    public Stream<FileInfo> listFiles(String folder, boolean recursive) {
        record("listFiles", folder);
        String prefix = folder.isEmpty() ? "" : folder + "/";
        return new TreeSet<>(objects.keySet()).stream()
                .filter(k -> k.startsWith(prefix))
                .filter(k -> recursive || k.indexOf('/', prefix.length()) < 0)
                .map(k -> {
                    Entry e = objects.get(k);
                    return e == null ? null : info(k, e);
                })
                .filter(f -> f != null);
    }

    @Override
    public Stream<FolderEntry> listFolders(String folder) {
        record("listFolders", folder);
        String prefix = folder.isEmpty() ? "" : folder + "/";
        TreeSet<String> folders = new TreeSet<>();
        for (String k : objects.keySet()) {
            int slash = k.startsWith(prefix) ? k.indexOf('/', prefix.length()) : -1;
            if (slash >= 0) {
                folders.add(k.substring(0, slash));
            }
        }
        return folders.stream().map(FolderEntry::new);
    }

    @Override
    public boolean delete(String key) {
        record("delete", key);
        return objects.remove(key) != null;
    }

    @Override
    public long deleteFolder(String folder, boolean recursive) {
        record("deleteFolder", folder);
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<String> under = objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        if (!recursive && !under.isEmpty()) {
            throw new dev.remotestore.FolderNotEmptyException("folder is not empty", folder);
        }
        under.forEach(objects::remove);
        return under.size();
    }

    @Override
    public WriteResult copy(String sourceKey, String targetKey, boolean overwrite) {
        record("copy", sourceKey + "->" + targetKey);
        Entry source = require(sourceKey);
        return put(targetKey, source.data(), overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly());
    }

    @Override
    public WriteResult move(String sourceKey, String targetKey, boolean overwrite) {
        record("move", sourceKey + "->" + targetKey);
        Entry source = require(sourceKey);
        WriteResult result = put(targetKey, source.data(), overwrite ? WriteOptions.overwrite() : WriteOptions.createOnly());
        objects.remove(sourceKey);
        return result;
    }

    @Override
    public URI presignRead(String key, Duration expiry) {
        record("presignRead", key);
        return URI.create(type + "://get/" + key + "?expires=" + expiry.toSeconds());
    }

    @Override
    public URI presignWrite(String key, Duration expiry) {
        record("presignWrite", key);
        return URI.create(type + "://put/" + key + "?expires=" + expiry.toSeconds());
    }

    /** The fake client, and the backend itself so that tests can reach their recording. */
    @Override
    public Set<Class<?>> unwrapTypes() {
        return Set.of(FakeClient.class, RecordingBackend.class);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> nativeType) {
        if (nativeType == FakeClient.class) {
            return Optional.of(nativeType.cast(client));
        }
        return nativeType == RecordingBackend.class ? Optional.of(nativeType.cast(this)) : Optional.empty();
    }

    @Override
    public void ping() {
        record("ping", "");
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        if (failOnClose) {
            throw new IllegalStateException("close failed on purpose (" + (settings == null ? "in code" : settings.backendName()) + ")");
        }
    }

    @Override
    public String toString() {
        return "RecordingBackend{" + (settings == null ? "built in code" : settings.backendName()) + '}';
    }
}
