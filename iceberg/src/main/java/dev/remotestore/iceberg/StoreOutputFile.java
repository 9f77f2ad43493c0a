package dev.remotestore.iceberg;

import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * An Iceberg output file over one store path. {@link #create()} is create-only, decided by the
 * backend when the stream is closed (a real precondition: {@code If-None-Match: *}, a hard link);
 * it also refuses at once a file that already exists, as Iceberg's own FileIOs do, so that the
 * common case fails before any byte is written. {@link #createOrOverwrite()} replaces the file.
 */
final class StoreOutputFile implements OutputFile {
    private final String location;
    private final Target target;

    StoreOutputFile(String location, Target target) {
        this.location = location;
        this.target = target;
    }

    @Override
    public PositionOutputStream create() {
        try {
            if (target.store().isFile(target.path())) {
                throw new org.apache.iceberg.exceptions.AlreadyExistsException("File already exists: %s", location);
            }
            return open(WriteOptions.createOnly());
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
        try {
            return open(WriteOptions.overwrite());
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    private PositionOutputStream open(WriteOptions options) {
        return new StorePositionOutputStream(target.store().openOutputStream(target.path(), options), location);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public InputFile toInputFile() {
        return new StoreInputFile(location, target, -1);
    }

    @Override
    public String toString() {
        return location;
    }
}
