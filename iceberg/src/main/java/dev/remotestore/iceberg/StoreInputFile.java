package dev.remotestore.iceberg;

import dev.remotestore.RemoteStoreException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;

/** An Iceberg input file over one store path; the length is asked once, unless Iceberg knew it. */
final class StoreInputFile implements InputFile {
    private final String location;
    private final Target target;
    private long length;

    /** {@code length} &lt; 0: unknown, asked of the store on first need. */
    StoreInputFile(String location, Target target, long length) {
        this.location = location;
        this.target = target;
        this.length = length;
    }

    @Override
    public long getLength() {
        if (length < 0) {
            try {
                length = target.store().getFileInfo(target.path()).size();
            } catch (RemoteStoreException e) {
                throw IcebergErrors.map(e, location);
            }
        }
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        try {
            return new StoreSeekableInputStream(target.store().openChannel(target.path()), location);
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean exists() {
        try {
            return target.store().isFile(target.path());
        } catch (RemoteStoreException e) {
            throw IcebergErrors.map(e, location);
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
