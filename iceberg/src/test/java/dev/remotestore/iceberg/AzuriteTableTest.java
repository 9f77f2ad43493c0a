package dev.remotestore.iceberg;

/** A real table on Azurite. */
class AzuriteTableTest extends TableContract {
    @Override
    protected TestStores newStores() {
        return TestStores.azurite();
    }
}
