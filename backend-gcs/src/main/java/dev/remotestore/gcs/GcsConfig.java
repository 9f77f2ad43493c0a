package dev.remotestore.gcs;

import com.google.auth.oauth2.GoogleCredentials;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigProblems;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import dev.remotestore.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a {@code type = gcs} backend: read from a validated config block ({@link #from})
 * or built in code ({@link #builder}). Immutable; {@code toString} masks the credentials' JSON.
 */
public final class GcsConfig {
    /** GCS's granularity for resumable upload chunks: every chunk but the last is a multiple of it. */
    public static final int CHUNK_GRANULARITY = 256 * 1024;
    /** The default resumable upload chunk, the client library's own default. */
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;
    /** The largest chunk accepted here: a stream buffers up to about two chunks. */
    public static final int MAX_CHUNK_SIZE = 512 * 1024 * 1024;

    private final String bucket;
    private final String projectId;
    private final Path credentialsFile;
    private final Secret credentialsJson;
    private final boolean noCredentials;
    private final URI endpoint;
    private final String userProject;
    private final int maxAttempts;
    private final int chunkSize;

    private GcsConfig(Builder b) {
        if (b.bucket == null || b.bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is required");
        }
        if (b.credentialsFile != null && b.credentialsJson != null) {
            throw new IllegalArgumentException("give credentials as a file or as JSON, not both");
        }
        if (b.noCredentials && (b.credentialsFile != null || b.credentialsJson != null)) {
            throw new IllegalArgumentException("no credentials cannot be combined with a credentials file or JSON");
        }
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        checkChunkSize(b.chunkSize);
        this.bucket = b.bucket;
        this.projectId = b.projectId;
        this.credentialsFile = b.credentialsFile;
        this.credentialsJson = b.credentialsJson;
        this.noCredentials = b.noCredentials;
        this.endpoint = b.endpoint;
        this.userProject = b.userProject;
        this.maxAttempts = b.maxAttempts;
        this.chunkSize = b.chunkSize;
    }

    /** The keys of a {@code gcs} block. */
    public static ConfigSchema.Builder schemaBuilder() {
        return ConfigSchema.builder()
                .required("bucket", ValueType.STRING, "the bucket name")
                .optional("project-id", ValueType.STRING, "the project; absent: the credentials' or environment's project")
                .block("credentials", ConfigSchema.builder()
                        .optional("file", ValueType.STRING, "path of a service-account (or other) credentials JSON file")
                        .optional("json", ValueType.SECRET, "the credentials JSON itself")
                        .optional("none", ValueType.BOOLEAN, "true: send no credentials (emulators, endpoints that need none)")
                        .build(), "at most one of file, json and none = true; absent: application default credentials"
                                + " (none when STORAGE_EMULATOR_HOST is set)")
                .optional("endpoint", ValueType.STRING, "an emulator's or private endpoint's URL; absent: storage.googleapis.com")
                .optional("user-project", ValueType.STRING, "the project billed for requests to a requester-pays bucket")
                .block("retry", ConfigSchema.builder()
                        .optional("max-attempts", ValueType.INT, "attempts per request, first included")
                        .build(), "the client's retry settings")
                .optional("chunk-size", ValueType.BINARY_BYTES, "resumable upload chunk: a multiple of 256KiB; also the largest single-request write");
    }

    /**
     * Reads a validated config block. Does no I/O.
     *
     * @throws InvalidConfigException listing every semantic error, each naming its key and origin
     */
    public static GcsConfig from(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        GcsConfig config = read(s, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * What the provider's {@code validate} runs: {@link #from}, and {@code credentials.json}
     * parsed as Google credentials now rather than when the backend is first used. Neither the
     * JSON nor the parser's message (which may quote it) appears in the error.
     */
    public static GcsConfig validate(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        GcsConfig config = read(s, problems);
        if (config != null && config.credentialsJson().isPresent()) {
            byte[] json = config.credentialsJson().get().reveal().getBytes(StandardCharsets.UTF_8);
            try {
                GoogleCredentials.fromStream(new ByteArrayInputStream(json));
            } catch (IOException | RuntimeException e) {
                problems.add(s.invalid("credentials.json", "cannot be parsed as Google credentials"));
            }
        }
        problems.throwIfAny();
        return config;
    }

    private static GcsConfig read(BackendSettings s, ConfigProblems problems) {
        Builder b = builder().bucket(s.string("bucket"));
        if (s.string("bucket").isBlank()) {
            problems.add(s.invalid("bucket", "must not be empty"));
        }
        s.optionalString("project-id").ifPresent(p -> {
            if (p.isBlank()) {
                problems.add(s.invalid("project-id", "must not be empty"));
            }
            b.projectId(p);
        });
        problems.check(() -> readCredentials(s, b));
        if (s.has("endpoint")) {
            problems.check(() -> b.endpoint(endpoint(s)));
        }
        s.optionalString("user-project").ifPresent(p -> {
            if (p.isBlank()) {
                problems.add(s.invalid("user-project", "must not be empty"));
            }
            b.userProject(p);
        });
        int attempts = s.integer("retry.max-attempts", b.maxAttempts);
        if (attempts < 1) {
            problems.add(s.invalid("retry.max-attempts", "must be at least 1"));
        }
        b.maxAttempts(attempts);
        long chunk = s.bytes("chunk-size", b.chunkSize);
        if (chunk < CHUNK_GRANULARITY || chunk > MAX_CHUNK_SIZE || chunk % CHUNK_GRANULARITY != 0) {
            problems.add(s.invalid("chunk-size", "must be a multiple of 256KiB between 256KiB and 512MiB"));
        } else {
            b.chunkSize((int) chunk);
        }
        return problems.isEmpty() ? b.build() : null;
    }

    private static void readCredentials(BackendSettings s, Builder b) {
        if (s.has("credentials.file") && s.has("credentials.json")) {
            throw s.invalid("credentials.json", "give either credentials.file or credentials.json, not both");
        }
        if (s.bool("credentials.none", false)) {
            if (s.has("credentials.file") || s.has("credentials.json")) {
                throw s.invalid("credentials.none", "none = true sends no credentials; remove credentials.file / credentials.json or this key");
            }
            b.noCredentials();
        }
        if (s.has("credentials.file")) {
            String file = s.string("credentials.file");
            if (file.isBlank()) {
                throw s.invalid("credentials.file", "must not be empty");
            }
            try {
                b.credentialsFile(Paths.get(file));
            } catch (java.nio.file.InvalidPathException e) {
                throw s.invalid("credentials.file", "not a valid path");
            }
        }
        s.secret("credentials.json").ifPresent(json -> {
            if (!json.reveal().trim().startsWith("{")) {
                // The value is a secret: the message must not echo it.
                throw s.invalid("credentials.json", "expected a JSON object (the content of a credentials file)");
            }
            b.credentialsJson(json);
        });
    }

    private static URI endpoint(BackendSettings s) {
        try {
            URI uri = new URI(s.string("endpoint"));
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw s.invalid("endpoint", "expected an http(s) URL such as http://127.0.0.1:4443");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw s.invalid("endpoint", "not a URL");
        }
    }

    private static void checkChunkSize(long chunk) {
        if (chunk < CHUNK_GRANULARITY || chunk > MAX_CHUNK_SIZE || chunk % CHUNK_GRANULARITY != 0) {
            throw new IllegalArgumentException("chunk size must be a multiple of 256KiB between 256KiB and 512MiB: " + chunk);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucket() {
        return bucket;
    }

    /** The project; empty means the one the credentials or the environment name. */
    public Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    public Optional<Path> credentialsFile() {
        return Optional.ofNullable(credentialsFile);
    }

    public Optional<Secret> credentialsJson() {
        return Optional.ofNullable(credentialsJson);
    }

    /**
     * Whether a credentials file or JSON is configured; if neither is, and {@link #noCredentials()}
     * is false, application default credentials apply (or none under {@code STORAGE_EMULATOR_HOST}).
     */
    public boolean hasExplicitCredentials() {
        return credentialsFile != null || credentialsJson != null;
    }

    /** Whether requests carry no credentials at all ({@code credentials { none = true }}). */
    public boolean noCredentials() {
        return noCredentials;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The project billed for requests (requester pays); empty: the bucket's owner pays. */
    public Optional<String> userProject() {
        return Optional.ofNullable(userProject);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The resumable upload chunk size, and the largest write sent as one request. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String toString() {
        return "GcsConfig{bucket=" + bucket + ", projectId=" + projectId + ", credentials="
                + (credentialsFile != null ? "file(" + credentialsFile + ")" : credentialsJson != null ? "json(****)"
                        : noCredentials ? "none" : "application-default")
                + ", endpoint=" + endpoint + ", userProject=" + userProject + ", maxAttempts=" + maxAttempts
                + ", chunkSize=" + chunkSize + '}';
    }

    /** Builds a {@link GcsConfig} in code. Defaults as in the README. */
    public static final class Builder {
        private String bucket;
        private String projectId;
        private Path credentialsFile;
        private Secret credentialsJson;
        private boolean noCredentials;
        private URI endpoint;
        private String userProject;
        private int maxAttempts = 6;
        private int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder credentialsFile(Path file) {
            this.credentialsFile = Objects.requireNonNull(file, "file is null");
            return this;
        }

        public Builder credentialsJson(Secret json) {
            this.credentialsJson = Objects.requireNonNull(json, "json is null");
            return this;
        }

        /** Requests carry no credentials: for emulators and private endpoints that need none. */
        public Builder noCredentials() {
            this.noCredentials = true;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder userProject(String userProject) {
            this.userProject = userProject;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        public GcsConfig build() {
            return new GcsConfig(this);
        }
    }
}
