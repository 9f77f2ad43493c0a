package dev.remotestore.gcs;

import com.google.auth.Credentials;
import com.google.auth.ServiceAccountSigner;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.BlobWriteSessionConfigs;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.CloudStorageConfiguration;
import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.PermissionDeniedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/** Builds the {@link Storage} client and the NIO filesystem of a {@code gcs} backend from its config. */
final class GcsClients {
    static final String DEFAULT_ORIGIN = "https://storage.googleapis.com";
    /** How the clients built here identify themselves: requests can be traced to this library. */
    static final String USER_AGENT = "remote-store-java/" + version();

    private GcsClients() {
    }

    /**
     * A JSON-API (HTTP) client with the configured credentials, project, endpoint, retries and
     * upload chunk size, identifying itself as {@link #USER_AGENT}, whose HTTP requests pass through
     * {@link GcsCountingTransportOptions} (a file upload's bytes are counted as they go out; nothing
     * else changes). Without an {@code endpoint} in the config, {@code STORAGE_EMULATOR_HOST} in
     * {@code environment} names one (see {@link GcsEmulatorHost}); then, unless a credentials file or
     * JSON is configured, no credentials are sent.
     */
    static Storage storage(GcsConfig config, Function<String, String> environment) {
        Optional<URI> emulator = config.endpoint().isPresent() ? Optional.empty() : GcsEmulatorHost.from(environment);
        boolean anonymous = config.noCredentials() || (emulator.isPresent() && !config.hasExplicitCredentials());
        HttpStorageOptions.Builder options = StorageOptions.http()
                .setCredentials(anonymous ? NoCredentials.getInstance() : credentials(config))
                .setHeaderProvider(FixedHeaderProvider.create("user-agent", USER_AGENT))
                .setTransportOptions(new GcsCountingTransportOptions())
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setMaxAttempts(config.maxAttempts())
                        .build());
        options.setBlobWriteSessionConfig(BlobWriteSessionConfigs.getDefault().withChunkSize(config.chunkSize()));
        config.projectId().ifPresent(options::setProjectId);
        config.endpoint().or(() -> emulator).ifPresent(uri -> options.setHost(uri.toString()));
        return options.build().getService();
    }

    /**
     * A twin of {@code storage} (same options) whose resumable uploads send chunks of
     * {@code chunkSize} bytes and buffer one chunk; the caller closes it.
     */
    static Storage withChunkSize(Storage storage, int chunkSize) {
        return storage.getOptions().toBuilder()
                .setBlobWriteSessionConfig(BlobWriteSessionConfigs.getDefault().withChunkSize(chunkSize))
                .build()
                .getService();
    }

    /**
     * The NIO view of the bucket over the same options (google-cloud-nio builds its own client from
     * them), offered through {@code unwrap}; the backend's own reads use the {@link Storage} client.
     */
    static CloudStorageFileSystem fileSystem(Storage storage, GcsConfig config) {
        CloudStorageConfiguration.Builder nio = CloudStorageConfiguration.builder()
                .permitEmptyPathComponents(false)
                .stripPrefixSlash(true)
                .usePseudoDirectories(false) // else every read first lists, and a file "a" beside a folder "a/" is unreadable
                .maxChannelReopens(config.maxAttempts());
        config.userProject().ifPresent(nio::userProject);
        return CloudStorageFileSystem.forBucket(config.bucket(), nio.build(), storage.getOptions());
    }

    /**
     * Where signed URLs point: the origin (scheme, host and port) of the endpoint the client talks
     * to, so a URL signed for an emulator or a private endpoint is valid there (the V4 signature
     * covers the {@code host} header, port included); {@code https://storage.googleapis.com} for
     * the default endpoint.
     */
    static String signingOrigin(Storage storage) {
        URI host = URI.create(storage.getOptions().getHost());
        if (host.getScheme() == null || host.getHost() == null) {
            return DEFAULT_ORIGIN;
        }
        // host and port only: never user information that an endpoint URL might carry
        return host.getScheme() + "://" + host.getHost() + (host.getPort() < 0 ? "" : ":" + host.getPort());
    }

    /** Whether the client's credentials can sign URLs (a service account key, or a signer such as IAM). */
    static boolean canSign(Storage storage) {
        return storage.getOptions().getCredentials() instanceof ServiceAccountSigner;
    }

    private static Credentials credentials(GcsConfig config) {
        try {
            if (config.credentialsFile().isPresent()) {
                try (InputStream in = Files.newInputStream(config.credentialsFile().get())) {
                    return scoped(GoogleCredentials.fromStream(in));
                }
            }
            if (config.credentialsJson().isPresent()) {
                byte[] json = config.credentialsJson().get().reveal().getBytes(StandardCharsets.UTF_8);
                return scoped(GoogleCredentials.fromStream(new ByteArrayInputStream(json)));
            }
            return scoped(GoogleCredentials.getApplicationDefault());
        } catch (IOException e) {
            // The parser's message may quote the JSON, a secret: neither it nor the cause is kept.
            if (!config.hasExplicitCredentials()) {
                throw new PermissionDeniedException("no GCS credentials: application default credentials are not set up"
                        + " (set GOOGLE_APPLICATION_CREDENTIALS, run gcloud auth application-default login,"
                        + " or configure credentials.file / credentials.json)", null);
            }
            String key = config.credentialsFile().isPresent() ? "credentials.file" : "credentials.json";
            String what = config.credentialsFile().isPresent()
                    ? (Files.isReadable(config.credentialsFile().get()) ? "cannot be parsed as Google credentials" : "is not a readable file")
                    : "cannot be parsed as Google credentials";
            throw new InvalidConfigException(key, null, what);
        }
    }

    private static GoogleCredentials scoped(GoogleCredentials credentials) {
        return credentials.createScopedRequired()
                ? credentials.createScoped("https://www.googleapis.com/auth/devstorage.read_write")
                : credentials;
    }

    private static String version() {
        try (InputStream in = GcsClients.class.getResourceAsStream("remote-store-gcs.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** For messages: never the credentials themselves. */
    static String describe(GcsConfig config) {
        return "bucket=" + config.bucket() + config.endpoint().map(e -> ", endpoint=" + e).orElse("");
    }
}
