package dev.remotestore.iceberg;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The FileIO contract on a named {@code local} store, locations {@code file:/...} mapped to it. */
class LocalFileIOTest extends FileIOContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores newStores() {
        return TestStores.local(dir);
    }
}
