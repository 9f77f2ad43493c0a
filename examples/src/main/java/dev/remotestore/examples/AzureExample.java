package dev.remotestore.examples;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;

/**
 * The quickstart's walk-through on an {@code azure} store configured from environment variables
 * ({@code azure-example.conf}), then a look at the native container client through
 * {@code unwrap}. Without {@code RS_AZURE_ACCOUNT} and {@code RS_AZURE_CONTAINER} it prints how
 * to run it (against Azurite or a real account) and exits with status 2.
 */
public final class AzureExample {
    private AzureExample() {
    }

    public static void main(String[] args) {
        if (System.getenv("RS_AZURE_ACCOUNT") == null || System.getenv("RS_AZURE_CONTAINER") == null) {
            System.err.println(usage());
            System.exit(2);
        }
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseResources("azure-example.conf"))) {
            Store store = registry.getStore("data");
            Quickstart.run(store, System.out);
            BlobContainerClient container = store.unwrap(BlobContainerClient.class);
            long count = container.listBlobs(new ListBlobsOptions().setPrefix(store.rootPath() + "/"), null).stream().count();
            System.out.println("through the native BlobContainerClient: " + count + " blob(s) under " + store.rootPath() + "/");
        }
    }

    static String usage() {
        return String.join("\n",
                "RS_AZURE_ACCOUNT / RS_AZURE_CONTAINER are not set. This example writes under remote-store-example/",
                "in a container you name (it must exist).",
                "",
                "Against Azurite (Node 20 + npm):",
                "  npx azurite@3.37.0 azurite-blob --blobHost 127.0.0.1 --blobPort 10000 --inMemoryPersistence --skipApiVersionCheck &",
                "  export RS_AZURE_ACCOUNT=devstoreaccount1 RS_AZURE_CONTAINER=test \\",
                "         RS_AZURE_ENDPOINT=http://127.0.0.1:10000/devstoreaccount1 \\",
                "         RS_AZURE_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
                "  (create the container first, e.g. az storage container create -n test --connection-string ...)",
                "Against Azure (account key, or DefaultAzureCredential with azure-identity on the class path):",
                "  export RS_AZURE_ACCOUNT=myaccount RS_AZURE_CONTAINER=data RS_AZURE_KEY=...",
                "Then:",
                "  ./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl examples exec:java -Dexample=dev.remotestore.examples.AzureExample");
    }
}
