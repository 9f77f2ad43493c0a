package dev.remotestore.cli;

import com.azure.storage.blob.BlobContainerClient;
import dev.remotestore.azure.AzuriteServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every command on {@code type = azure} against Azurite (from npm, shared by the test classes). */
class RsAzuriteTest extends StoreCommandsSuite {
    static AzuriteServer azurite;
    static BlobContainerClient container;

    @BeforeAll
    static void startAzurite() {
        azurite = AzuriteServer.shared();
        container = azurite.newContainer("rs-cli");
    }

    @AfterAll
    static void dropContainer() {
        if (container != null) {
            container.delete();
        }
    }

    @Override
    String backendBlock() {
        return "type = azure, account = " + AzuriteServer.ACCOUNT + ", container = " + container.getBlobContainerName()
                + ", endpoint = \"" + azurite.endpoint() + "\", credentials { account-key = \"" + AzuriteServer.KEY + "\" }";
    }

    @Override
    String uniqueRoot(String label) {
        return "t/" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    String url(String root, String path) {
        return "az://" + container.getBlobContainerName() + "/" + root + "/" + path;
    }

    @Override
    RsRun withUrlEnvironment(RsRun run) {
        return run.env("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT
                + ";AccountKey=" + AzuriteServer.KEY + ";BlobEndpoint=" + azurite.endpoint() + ";");
    }
}
