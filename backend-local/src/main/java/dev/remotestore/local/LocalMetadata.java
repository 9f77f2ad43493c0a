package dev.remotestore.local;

import dev.remotestore.FileInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the backend stores beside a file's bytes, as user extended attributes ({@code user.rs.*}
 * on Linux): the content type, user metadata and a random write id for the {@link LocalEtags
 * ETag}. They are set on the temp file before it is published, so they appear atomically with
 * the bytes. On a filesystem without user extended attributes nothing is stored and the backend
 * does not declare {@code CONTENT_TYPE} or {@code USER_METADATA}.
 */
final class LocalMetadata {
    // java.nio adds the "user." namespace on Linux
    private static final String PREFIX = "rs.";
    private static final String CONTENT_TYPE = PREFIX + "content-type";
    private static final String META_PREFIX = PREFIX + "meta.";
    private static final String WRITE_ID = PREFIX + "write-id";

    /** The attributes of one file; {@code writeId} is {@code null} for files written by other tools. */
    record Stored(Optional<String> contentType, Map<String, String> metadata, String writeId) {
        static final Stored NONE = new Stored(Optional.empty(), Map.of(), null);
    }

    private final boolean supported;

    LocalMetadata(boolean supported) {
        this.supported = supported;
    }

    /** Whether files in {@code dir} can carry user extended attributes: tries one on a temp file. */
    static boolean probe(Path dir) {
        Path probe = dir.resolve(LocalKeys.TEMP_PREFIX + "probe-xattr-" + randomId());
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) {
                return false;
            }
            view.write(WRITE_ID, StandardCharsets.UTF_8.encode("probe"));
            return view.list().contains(WRITE_ID);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        } finally {
            deleteQuietly(probe);
        }
    }

    boolean supported() {
        return supported;
    }

    /** A fresh write id, or {@code null} where attributes cannot be stored. */
    String newWriteId() {
        return supported ? randomId() : null;
    }

    /** Stores the attributes on {@code file}; the caller has checked that they are supported. */
    void write(Path file, Stored stored) throws IOException {
        if (!supported) {
            return;
        }
        UserDefinedFileAttributeView view = view(file);
        if (stored.writeId() != null) {
            view.write(WRITE_ID, StandardCharsets.UTF_8.encode(stored.writeId()));
        }
        if (stored.contentType().isPresent()) {
            view.write(CONTENT_TYPE, StandardCharsets.UTF_8.encode(stored.contentType().get()));
        }
        for (Map.Entry<String, String> e : stored.metadata().entrySet()) {
            view.write(META_PREFIX + e.getKey(), StandardCharsets.UTF_8.encode(e.getValue()));
        }
    }

    /** The attributes stored on {@code file} (following symbolic links). */
    Stored read(Path file) throws IOException {
        if (!supported) {
            return Stored.NONE;
        }
        UserDefinedFileAttributeView view = view(file);
        String contentType = null;
        String writeId = null;
        Map<String, String> metadata = new TreeMap<>();
        for (String name : view.list()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String value;
            try {
                value = readValue(view, name);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (FileSystemException e) {
                continue; // removed between list and read (ENODATA)
            }
            if (name.equals(CONTENT_TYPE)) {
                contentType = value;
            } else if (name.equals(WRITE_ID)) {
                writeId = value;
            } else if (name.startsWith(META_PREFIX)) {
                metadata.put(name.substring(META_PREFIX.length()), value);
            }
        }
        return new Stored(Optional.ofNullable(contentType), metadata, writeId);
    }

    /** The full {@link FileInfo} of a regular file with the given attributes. */
    FileInfo info(String key, Path file, BasicFileAttributes attrs) throws IOException {
        Stored stored = read(file);
        return new FileInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant(),
                LocalEtags.of(attrs, stored.writeId()), stored.contentType(), stored.metadata(), Optional.empty());
    }

    /** The current ETag of a regular file. */
    String etag(Path file, BasicFileAttributes attrs) throws IOException {
        return LocalEtags.of(attrs, read(file).writeId());
    }

    private static String readValue(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    private static UserDefinedFileAttributeView view(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            throw new IOException("user extended attributes are not available");
        }
        return view;
    }

    static String randomId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a leftover temp file is invisible to keys and listings
        }
    }
}
