package dev.remotestore.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.nio.AzureFileSystem;
import com.azure.storage.blob.nio.AzureFileSystemProvider;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the SDK objects of an {@code azure} backend from its {@link AzureConfig}: the
 * {@link BlobServiceClient}, the shared-key credential when there is one (for SAS signing), and
 * the {@link AzureFileSystem} over the same endpoint and credentials.
 */
final class AzureClients {
    static final String IDENTITY_BUILDER = "com.azure.identity.DefaultAzureCredentialBuilder";

    private AzureClients() {
    }

    /** What the backend is built from. {@code sharedKey} is empty unless the config carries an account key. */
    record Built(BlobServiceClient service, Optional<StorageSharedKeyCredential> sharedKey, Optional<AzureSasCredential> sas,
            URI endpoint) {
    }

    static Built build(AzureConfig config) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(config.maxAttempts() - 1)));
        Optional<StorageSharedKeyCredential> sharedKey = Optional.empty();
        Optional<AzureSasCredential> sas = Optional.empty();
        URI endpoint = config.endpoint().orElse(null);
        switch (config.credentialKind()) {
            case ACCOUNT_KEY -> {
                sharedKey = Optional.of(new StorageSharedKeyCredential(config.account().orElseThrow(), config.accountKey().orElseThrow().reveal()));
                builder.credential(sharedKey.get());
            }
            case SAS_TOKEN -> {
                String token = config.sasToken().orElseThrow().reveal();
                sas = Optional.of(new AzureSasCredential(token.startsWith("?") ? token.substring(1) : token));
                builder.credential(sas.get());
            }
            case CONNECTION_STRING -> {
                String cs = config.connectionString().orElseThrow().reveal();
                try {
                    builder.connectionString(cs);
                } catch (IllegalArgumentException e) {
                    // the SDK's message may quote the string: not chained, not copied
                    throw new InvalidConfigException("credentials.connection-string", null,
                            "the connection string is not valid (it needs AccountName and AccountKey or SharedAccessSignature)");
                }
                Map<String, String> parts = parseConnectionString(cs);
                if (parts.containsKey("AccountName") && parts.containsKey("AccountKey")) {
                    sharedKey = Optional.of(new StorageSharedKeyCredential(parts.get("AccountName"), parts.get("AccountKey")));
                } else if (parts.containsKey("SharedAccessSignature")) {
                    sas = Optional.of(new AzureSasCredential(parts.get("SharedAccessSignature")));
                }
                if (config.explicitEndpoint().isPresent()) {
                    builder.endpoint(endpoint.toString());
                } else if (parts.containsKey("BlobEndpoint")) {
                    endpoint = URI.create(parts.get("BlobEndpoint"));
                } else if (parts.containsKey("AccountName")) {
                    endpoint = URI.create("https://" + parts.get("AccountName") + ".blob."
                            + parts.getOrDefault("EndpointSuffix", "core.windows.net"));
                }
            }
            case DEFAULT_CHAIN -> builder.credential(defaultCredential());
            default -> throw new IllegalStateException(config.credentialKind().toString());
        }
        if (config.credentialKind() != AzureConfig.CredentialKind.CONNECTION_STRING) {
            builder.endpoint(endpoint.toString());
        }
        return new Built(builder.buildClient(), sharedKey, sas, endpoint);
    }

    /**
     * The {@link AzureFileSystem} over the same endpoint, container and credentials, or empty
     * when the credentials are a token (azure-storage-blob-nio takes shared keys and SAS only).
     * Each backend uses its own provider instance: a provider holds one filesystem per endpoint.
     */
    static Optional<FileSystem> fileSystem(Built built, AzureConfig config) {
        Map<String, Object> env = new HashMap<>();
        if (built.sharedKey().isPresent()) {
            env.put(AzureFileSystem.AZURE_STORAGE_SHARED_KEY_CREDENTIAL, built.sharedKey().get());
        } else if (built.sas().isPresent()) {
            env.put(AzureFileSystem.AZURE_STORAGE_SAS_TOKEN_CREDENTIAL, built.sas().get());
        } else {
            return Optional.empty();
        }
        env.put(AzureFileSystem.AZURE_STORAGE_FILE_STORES, config.container());
        env.put(AzureFileSystem.AZURE_STORAGE_SKIP_INITIAL_CONTAINER_CHECK, Boolean.TRUE);
        env.put(AzureFileSystem.AZURE_STORAGE_MAX_TRIES, config.maxAttempts());
        env.put(AzureFileSystem.AZURE_STORAGE_UPLOAD_BLOCK_SIZE, config.blockSize());
        env.put(AzureFileSystem.AZURE_STORAGE_MAX_CONCURRENCY_PER_REQUEST, config.maxConcurrency());
        String base = built.endpoint().toString();
        URI uri = URI.create("azb://?endpoint=" + (base.endsWith("/") ? base.substring(0, base.length() - 1) : base));
        try {
            return Optional.of(new AzureFileSystemProvider().newFileSystem(uri, env));
        } catch (IOException | RuntimeException e) {
            throw AzureErrors.map("opening the Azure NIO filesystem", null, e);
        }
    }

    /**
     * DefaultAzureCredential, found by reflection so that azure-identity (and its MSAL
     * dependencies) stays optional.
     */
    static boolean identityAvailable() {
        try {
            Class.forName(IDENTITY_BUILDER, false, AzureClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static TokenCredential defaultCredential() {
        return defaultCredential(IDENTITY_BUILDER);
    }

    static TokenCredential defaultCredential(String builderClass) {
        Class<?> builderType;
        try {
            builderType = Class.forName(builderClass, true, AzureClients.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new RemoteStoreException("no Azure credentials are configured and com.azure:azure-identity is not on the class path:"
                    + " set credentials.account-key, credentials.sas-token or credentials.connection-string,"
                    + " or add com.azure:azure-identity to use DefaultAzureCredential", null);
        }
        try {
            Object b = builderType.getConstructor().newInstance();
            return (TokenCredential) builderType.getMethod("build").invoke(b);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new RemoteStoreException("building DefaultAzureCredential failed: " + e, null, e);
        }
    }

    static Map<String, String> parseConnectionString(String cs) {
        Map<String, String> parts = new HashMap<>();
        for (String part : cs.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return parts;
    }
}
