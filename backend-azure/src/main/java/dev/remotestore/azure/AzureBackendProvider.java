package dev.remotestore.azure;

import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;

/** Provides {@code type = azure}; the keys are listed in {@link AzureConfig#schemaBuilder()} and the README. */
public final class AzureBackendProvider implements BackendProvider {
    private static final ConfigSchema SCHEMA = AzureConfig.schemaBuilder().build();

    @Override
    public String type() {
        return AzureBackend.TYPE;
    }

    @Override
    public ConfigSchema schema() {
        return SCHEMA;
    }

    @Override
    public void validate(BackendSettings settings) {
        AzureConfig config = AzureConfig.from(settings);
        if (config.credentialKind() == AzureConfig.CredentialKind.DEFAULT_CHAIN && !AzureClients.identityAvailable()) {
            throw settings.invalid("credentials", "no credentials are set and com.azure:azure-identity is not on the class path:"
                    + " set account-key, sas-token or connection-string, or add com.azure:azure-identity for DefaultAzureCredential");
        }
    }

    @Override
    public Backend create(BackendSettings settings) {
        AzureConfig config = AzureConfig.from(settings);
        return AzureLibraries.REQUIRED.create(() -> AzureBackend.create(config));
    }
}
