package dev.remotestore.opentelemetry;

import dev.remotestore.azure.AzuriteServer;

/**
 * Spans on {@code type = azure} against Azurite (started by backend-azure's {@link AzuriteServer};
 * skipped, or failed under {@code CI=true}, where Node.js cannot run it). A fresh container per test.
 */
class AzuriteTracingTest extends TracingContract {
    @Override
    protected String backendBlock() {
        AzuriteServer azurite = AzuriteServer.shared();
        String container = azurite.newContainer("tracing").getBlobContainerName();
        return "type = azure, account = " + AzuriteServer.ACCOUNT + ", container = " + container
                + ", endpoint = \"" + azurite.endpoint() + "\""
                + ", credentials { account-key = \"" + AzuriteServer.KEY + "\" }";
    }

    @Override
    protected String backendType() {
        return "azure";
    }
}
