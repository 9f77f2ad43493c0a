package dev.remotestore.iceberg;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.ListOptions;
import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * An Apache Iceberg {@code FileIO} over remote-store: a table's metadata and data files live in any
 * store this library serves (local disk, S3 and S3-compatible servers, {@code s3-crt}, GCS, Azure),
 * with its atomic writes, real create-only preconditions and observability. Engines load it by
 * class name: catalog property {@code io-impl = dev.remotestore.iceberg.RemoteStoreFileIO}.
 *
 * <p><b>Where locations go</b> ({@link RemoteStoreProperties}): a location under a prefix mapped
 * with {@code remote-store.location.<store> = <prefix>} goes to that named store of the
 * configuration ({@code remote-store.config-file} or inline {@code remote-store.config}); any other
 * location is opened as a URL ({@code s3://}, {@code gs://}, {@code az://}, {@code abfss://},
 * {@code file:}, a plain path, ...) with each cloud's environment conventions and the
 * configuration's {@code url-defaults}. Keys are taken literally, as Iceberg's own FileIOs take
 * them: a {@code %} in a location is a {@code %} in the key.
 *
 * <p><b>Reads</b> are seekable streams over the store's read channel: Iceberg and Parquet read
 * footers and column chunks by position, and only the bytes asked are read (no whole-object
 * reads). {@link InputFile#getLength()} uses the length Iceberg passes when it has one.
 *
 * <p><b>Writes</b> are our streaming writes: nothing is visible until the stream is closed, which
 * commits it atomically; {@code create()} is create-only (the backend's precondition, decided at
 * close, plus an early check), {@code createOrOverwrite()} replaces. A stream whose write failed
 * aborts at close and leaves nothing.
 *
 * <p><b>Errors</b>: a missing file is Iceberg's {@code NotFoundException}, a create-only write
 * onto an existing file Iceberg's {@code AlreadyExistsException}; other failures are our
 * {@link RemoteStoreException}s (unchecked, naming store and path).
 *
 * <p><b>Serialisable</b>, as Iceberg requires (engines ship the FileIO to executors): only the
 * properties and the configuration's text travel; stores and clients are created again, lazily,
 * where the copy is used. {@link #close()} closes the registry and every client it created; a
 * closed FileIO refuses further use. Thread-safe.
 */
public class RemoteStoreFileIO implements DelegateFileIO {
    private static final long serialVersionUID = 1L;

    private HashMap<String, String> properties = new HashMap<>();
    /** The HOCON of the configuration (read from the file on the machine that initialised), or null. */
    private String hocon;
    private transient volatile LocationResolver resolver;
    private transient volatile boolean closed;

    /** For engines, which create FileIOs by class name and then call {@link #initialize}. */
    public RemoteStoreFileIO() {
    }

    /**
     * Reads the properties (see {@link RemoteStoreProperties}) and validates the configuration
     * they name, whole, now: an {@link InvalidConfigException} lists every problem. Creates no
     * client: backends are created on first use.
     *
     * @throws UncheckedIOException if {@code remote-store.config-file} cannot be read
     * @throws IllegalArgumentException if a location mapping names no configured store
     */
    @Override
    public void initialize(Map<String, String> props) {
        Objects.requireNonNull(props, "properties is null");
        HashMap<String, String> copy = new HashMap<>(props);
        String text = copy.get(RemoteStoreProperties.CONFIG);
        String file = copy.get(RemoteStoreProperties.CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            try {
                text = Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(RemoteStoreProperties.CONFIG_FILE + ": cannot read " + file + ": " + e, e);
            }
        }
        LocationResolver created = LocationResolver.create(text, copy);
        synchronized (this) {
            LocationResolver previous = resolver;
            this.properties = copy;
            this.hocon = text;
            this.resolver = created;
            this.closed = false;
            if (previous != null) {
                previous.close();
            }
        }
    }

    /** The properties this FileIO was initialised with. */
    @Override
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    @Override
    public InputFile newInputFile(String location) {
        return new StoreInputFile(location, resolve(location), -1);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return new StoreInputFile(location, resolve(location), length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new StoreOutputFile(location, resolve(location));
    }

    /** Deletes the file; a missing file is not an error (as with Iceberg's object-store FileIOs). */
    @Override
    public void deleteFile(String location) {
        Target target = resolve(location);
        try {
            target.store().deleteIfExists(target.path());
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    /**
     * Deletes the files, {@code remote-store.delete-threads} at a time; missing files are not
     * failures. Every deletion is attempted; then, if any failed, throws
     * {@link BulkDeletionFailureException} with their number (each failure is logged at WARN).
     */
    @Override
    public void deleteFiles(Iterable<String> locations) throws BulkDeletionFailureException {
        int threads = threads();
        int failures = BulkDeletes.run(locations, threads, location -> {
            Target target = resolve(location);
            target.store().deleteIfExists(target.path());
        });
        if (failures > 0) {
            throw new BulkDeletionFailureException(failures);
        }
    }

    /**
     * The files under the prefix, read as a folder ({@code .../t} lists {@code .../t/...}, not
     * {@code .../tx}), lazily, in no promised order, with locations spelled like the prefix. The
     * listing is closed when the iterator is exhausted.
     */
    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        Target target = resolve(prefix);
        return () -> {
            Stream<dev.remotestore.FileInfo> files;
            try {
                files = target.store().listFiles(target.path(), ListOptions.recursive());
            } catch (RemoteStoreException e) {
                throw IcebergErrors.map(e, prefix);
            }
            return new ClosingIterator(files.map(f -> new FileInfo(target.locationOf(f.path()), f.size(),
                    f.lastModified().toEpochMilli())), files);
        };
    }

    /** Deletes every file under the prefix, read as a folder, with the backend's batched deletes. */
    @Override
    public void deletePrefix(String prefix) {
        Target target = resolve(prefix);
        try {
            target.store().deleteFolder(target.path(), true);
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, prefix);
        }
    }

    /** Closes the registry and every client it created. Idempotent. */
    @Override
    public void close() {
        LocationResolver r;
        synchronized (this) {
            closed = true;
            r = resolver;
            resolver = null;
        }
        if (r != null) {
            r.close();
        }
    }

    private Target resolve(String location) {
        Objects.requireNonNull(location, "location is null");
        return resolver().resolve(location);
    }

    private LocationResolver resolver() {
        LocationResolver r = resolver;
        if (r != null) {
            return r;
        }
        synchronized (this) { // not a lock field: a copy made by Kryo would have it null
            if (closed) {
                throw new IllegalStateException("this RemoteStoreFileIO is closed");
            }
            if (resolver == null) {
                resolver = LocationResolver.create(hocon, properties);
            }
            return resolver;
        }
    }

    private int threads() {
        String value = properties.get(RemoteStoreProperties.DELETE_THREADS);
        if (value == null) {
            return RemoteStoreProperties.DEFAULT_DELETE_THREADS;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(RemoteStoreProperties.DELETE_THREADS + ": expected a positive integer, got '" + value + "'");
    }

    @Override
    public String toString() {
        return "RemoteStoreFileIO" + (closed ? "{closed}" : "");
    }

    /** Closes the listing when iteration ends. */
    private static final class ClosingIterator implements Iterator<FileInfo> {
        private final Iterator<FileInfo> it;
        private final Stream<?> stream;

        ClosingIterator(Stream<FileInfo> mapped, Stream<?> stream) {
            this.it = mapped.iterator();
            this.stream = stream;
        }

        @Override
        public boolean hasNext() {
            boolean more = it.hasNext();
            if (!more) {
                stream.close();
            }
            return more;
        }

        @Override
        public FileInfo next() {
            return it.next();
        }
    }
}
