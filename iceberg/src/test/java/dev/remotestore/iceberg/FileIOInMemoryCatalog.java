package dev.remotestore.iceberg;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.FileIO;

/**
 * Iceberg's in-memory catalog with the FileIO named by {@code io-impl}: at 1.12.0 InMemoryCatalog
 * ignores {@code io-impl} and gives its tables an InMemoryFileIO, held in a private field (its
 * table operations class is private too), so the field is replaced after initialisation.
 * Everything else is Iceberg's own: the table operations, their metadata files, and the commit,
 * a compare-and-swap of the metadata location that refuses a commit based on a stale version.
 */
class FileIOInMemoryCatalog extends InMemoryCatalog {
    private FileIO tableIo;

    @Override
    public void initialize(String name, Map<String, String> properties) {
        super.initialize(name, properties);
        tableIo = CatalogUtil.loadFileIO(properties.get(CatalogProperties.FILE_IO_IMPL), properties, null);
        try {
            Field io = InMemoryCatalog.class.getDeclaredField("io");
            io.setAccessible(true);
            io.set(this, tableIo);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("InMemoryCatalog changed: no FileIO field 'io' to replace", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            tableIo.close();
        } finally {
            super.close();
        }
    }
}
