package dev.remotestore.iceberg;

/** The FileIO contract on an {@code azure} store against Azurite, {@code abfss://} locations. */
class AzuriteFileIOTest extends FileIOContract {
    @Override
    protected TestStores newStores() {
        return TestStores.azurite();
    }
}
