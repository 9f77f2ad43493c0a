package dev.remotestore.iceberg;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A real table on a named {@code local} store. */
class LocalTableTest extends TableContract {
    @TempDir
    Path dir;

    @Override
    protected TestStores newStores() {
        return TestStores.local(dir);
    }
}
