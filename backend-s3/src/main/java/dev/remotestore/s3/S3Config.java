package dev.remotestore.s3;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigProblems;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import dev.remotestore.spi.PartedWriteLimits;
import dev.remotestore.spi.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * The settings of an S3 backend, shared by {@code type = s3} and {@code type = s3-crt}: read from
 * a validated config block ({@link #from}) or built in code ({@link #builder}). Immutable;
 * {@code toString} masks secrets.
 */
public final class S3Config {
    /** S3's smallest part size for every part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** S3's largest object a single PutObject or CopyObject may create. */
    public static final long MAX_SINGLE_REQUEST_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3's most parts in one multipart upload. */
    public static final int MAX_PARTS = 10_000;

    /**
     * Which requests carry a checksum (some gateways reject the SDK's default trailing checksums).
     * Responses are checked whenever the server sends a checksum, except under
     * {@link #WHEN_REQUIRED}.
     */
    public enum Checksums {
        /**
         * The default: a request body carries a CRC32 (trailing, aws-chunked) where nothing else
         * protects it, that is over HTTPS, where the SDK sends the payload unsigned; over plain
         * HTTP the SDK signs the payload (SigV4 over each chunk's SHA-256), which the server
         * checks, so the CRC32 trailer is left out (adr/0052).
         */
        AUTO,
        /** Every request that supports a checksum carries one (the SDK's own default). */
        WHEN_SUPPORTED,
        /** Only requests that require one (DeleteObjects); responses are not checked. */
        WHEN_REQUIRED
    }

    /** The SDK's retry modes. */
    public enum RetryMode {
        STANDARD,
        ADAPTIVE,
        LEGACY
    }

    private final String bucket;
    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;
    private final String accessKeyId;
    private final Secret secretAccessKey;
    private final Secret sessionToken;
    private final String profile;
    private final int maxAttempts;
    private final RetryMode retryMode;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final Duration connectTimeout;
    private final Duration connectionAcquireTimeout;
    private final int maxConnections;
    private final Checksums checksums;
    private final long multipartThreshold;
    private final long partSize;
    private final int maxPartsInFlight;
    private final long memoryBudget;
    private final boolean conditionalWrites;
    private final boolean expectContinue;
    private final List<MetricPublisher> metricPublishers;

    private S3Config(Builder b) {
        this.bucket = requireText(b.bucket, "bucket");
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.pathStyle = b.pathStyle;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.sessionToken = b.sessionToken;
        this.profile = b.profile;
        this.maxAttempts = b.maxAttempts;
        this.retryMode = b.retryMode;
        this.apiCallTimeout = b.apiCallTimeout;
        this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
        this.connectTimeout = b.connectTimeout;
        this.connectionAcquireTimeout = b.connectionAcquireTimeout;
        this.maxConnections = b.maxConnections;
        this.checksums = b.checksums;
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        this.maxPartsInFlight = b.maxPartsInFlight;
        this.memoryBudget = b.memoryBudget;
        this.conditionalWrites = b.conditionalWrites;
        this.expectContinue = b.expectContinue;
        this.metricPublishers = List.copyOf(b.metricPublishers);
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("access-key-id and secret-access-key go together");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least 5 MiB (S3's minimum)");
        }
        if (multipartThreshold < 1 || maxAttempts < 1 || maxConnections < 1 || maxPartsInFlight < 1) {
            throw new IllegalArgumentException("threshold, attempts, connections and parts in flight must be positive");
        }
        PartedWriteLimits.budgetProblem(memoryBudget, partSize).ifPresent(problem -> {
            throw new IllegalArgumentException("memory budget " + problem);
        });
        // checked here, not left to the SDK's client builder at first use
        requirePositive(apiCallTimeout, "api call timeout");
        requirePositive(apiCallAttemptTimeout, "api call attempt timeout");
        requirePositive(connectTimeout, "connect timeout");
    }

    /**
     * The keys of an {@code s3} block. {@code s3-crt} adds its own {@code crt} block to this
     * builder, so every {@code s3} key means the same there.
     */
    public static ConfigSchema.Builder schemaBuilder() {
        return ConfigSchema.builder()
                .required("bucket", ValueType.STRING, "the bucket name")
                .optional("region", ValueType.STRING, "e.g. us-east-1; absent: the SDK's region chain, or us-east-1 with an endpoint")
                .optional("endpoint", ValueType.STRING, "an S3-compatible server's URL; absent: AWS")
                .optional("path-style", ValueType.BOOLEAN, "address the bucket in the path (MinIO, Ceph, ...)")
                .block("credentials", ConfigSchema.builder()
                        .optional("access-key-id", ValueType.STRING, "static access key id")
                        .optional("secret-access-key", ValueType.SECRET, "static secret key")
                        .optional("session-token", ValueType.SECRET, "session token of temporary credentials")
                        .optional("profile", ValueType.STRING, "a profile of ~/.aws/config and ~/.aws/credentials")
                        .build(), "absent: the SDK's default credentials chain")
                .block("retry", ConfigSchema.builder()
                        .optional("max-attempts", ValueType.INT, "attempts per request, first included")
                        .optional("mode", ValueType.STRING, "standard, adaptive or legacy")
                        .build(), "the SDK's retry strategy")
                .block("timeouts", ConfigSchema.builder()
                        .optional("api-call", ValueType.DURATION, "a whole call, retries included")
                        .optional("api-call-attempt", ValueType.DURATION, "one attempt")
                        .optional("connect", ValueType.DURATION, "opening a connection")
                        .optional("connection-acquire", ValueType.DURATION,
                                "waiting for a free connection of the pool (max-connections), per attempt")
                        .build(), "request timeouts")
                .optional("max-connections", ValueType.INT, "HTTP connection pool size")
                .optional("checksums", ValueType.STRING, "auto (default), when-supported or when-required")
                .block("multipart", ConfigSchema.builder()
                        .optional("threshold", ValueType.BYTES, "writes larger than this use multipart upload")
                        .optional("part-size", ValueType.BINARY_BYTES, "size of each part, at least 5MiB")
                        .optional("max-parts-in-flight", ValueType.INT,
                                "a cap on parts uploaded at once per stream, below what memory-budget allows")
                        .optional("memory-budget", ValueType.BINARY_BYTES,
                                "part buffers one stream may hold; sets how many parts are in flight")
                        .build(), "multipart upload")
                .optional("expect-continue", ValueType.BOOLEAN,
                        "true: PUTs wait for 100 Continue before sending the body (default false: a round trip less)")
                .optional("conditional-writes", ValueType.BOOLEAN,
                        "false for servers that ignore If-None-Match / If-Match: create-only and compare-and-swap are then refused");
    }

    /**
     * Reads a validated config block.
     *
     * @throws InvalidConfigException listing every semantic error, each naming its key and origin
     */
    public static S3Config from(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        S3Config config = read(s, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * What a provider's {@code validate} runs: {@link #from} plus the region check of
     * {@link #checkRegion}, every problem reported at once.
     */
    public static S3Config validate(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        S3Config config = read(s, problems);
        checkRegion(s, problems);
        problems.throwIfAny();
        return config;
    }

    /**
     * Without {@code region} and {@code endpoint} the SDK takes the region from its own chain
     * ({@code DefaultAwsRegionProviderChain}: the {@code aws.region} system property,
     * {@code AWS_REGION}, the profile in {@code ~/.aws/config}, instance metadata); when that
     * finds none, records a problem naming those sources instead of letting the first
     * {@code getStore} fail with the SDK's chain dump.
     */
    public static void checkRegion(BackendSettings s, ConfigProblems problems) {
        if (!s.has("region") && !s.has("endpoint") && !S3RegionCheck.chainHasRegion()) {
            problems.add(s.invalid("region", S3RegionCheck.MISSING));
        }
    }

    /**
     * Reads a validated config block, recording each semantic error in {@code problems} rather
     * than stopping at the first; {@code null} when there was one. Shared with {@code s3-crt}.
     */
    public static S3Config read(BackendSettings s, ConfigProblems problems) {
        Builder b = builder().bucket(s.string("bucket"));
        if (s.string("bucket").isBlank()) {
            problems.add(s.invalid("bucket", "must not be empty"));
        }
        s.optionalString("region").ifPresent(b::region);
        problems.check(() -> readEndpoint(s, b));
        b.pathStyle(s.bool("path-style", false));
        problems.check(() -> readCredentials(s, b));
        problems.check(() -> b.maxAttempts(positive(s, "retry.max-attempts", s.integer("retry.max-attempts", b.maxAttempts))));
        if (s.has("retry.mode")) {
            problems.check(() -> b.retryMode(enumValue(s, "retry.mode", RetryMode.class)));
        }
        // durations: the schema already refused zero and negative ones
        b.apiCallTimeout(s.duration("timeouts.api-call", null));
        b.apiCallAttemptTimeout(s.duration("timeouts.api-call-attempt", null));
        b.connectTimeout(s.duration("timeouts.connect", null));
        b.connectionAcquireTimeout(s.duration("timeouts.connection-acquire", null));
        problems.check(() -> b.maxConnections(positive(s, "max-connections", s.integer("max-connections", b.maxConnections))));
        if (s.has("checksums")) {
            problems.check(() -> b.checksums(enumValue(s, "checksums", Checksums.class)));
        }
        problems.check(() -> {
            long partSize = s.bytes("multipart.part-size", b.partSize);
            if (partSize < MIN_PART_SIZE) {
                throw s.invalid("multipart.part-size", "must be at least 5MiB (S3's smallest part)");
            }
            if (partSize > MAX_SINGLE_REQUEST_SIZE) {
                throw s.invalid("multipart.part-size", "must be at most 5GiB (S3's largest part)");
            }
            b.partSize(partSize);
        });
        problems.check(() -> {
            long threshold = s.bytes("multipart.threshold", b.multipartThreshold);
            if (threshold < 1 || threshold > MAX_SINGLE_REQUEST_SIZE) {
                throw s.invalid("multipart.threshold", "must be between 1 byte and 5GiB");
            }
            b.multipartThreshold(threshold);
        });
        problems.check(() -> b.maxPartsInFlight(positive(s, "multipart.max-parts-in-flight",
                s.integer("multipart.max-parts-in-flight", b.maxPartsInFlight))));
        problems.check(() -> {
            long budget = s.bytes("multipart.memory-budget", b.memoryBudget);
            PartedWriteLimits.budgetProblem(budget, b.partSize)
                    .ifPresent(problem -> {
                        throw s.invalid("multipart.memory-budget", problem + "; raise it or lower multipart.part-size");
                    });
            b.memoryBudget(budget);
        });
        b.conditionalWrites(s.bool("conditional-writes", true));
        b.expectContinue(s.bool("expect-continue", false));
        // from the registry's metrics module, when one is present and switched on (ADR 0032)
        b.metricPublishers(s.components(MetricPublisher.class));
        return problems.isEmpty() ? b.build() : null;
    }

    private static void readEndpoint(BackendSettings s, Builder b) {
        if (!s.has("endpoint")) {
            return;
        }
        try {
            URI uri = new URI(s.string("endpoint"));
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw s.invalid("endpoint", "expected an http(s) URL such as http://127.0.0.1:9000");
            }
            b.endpoint(uri);
        } catch (URISyntaxException e) {
            throw s.invalid("endpoint", "not a URL");
        }
    }

    private static void readCredentials(BackendSettings s, Builder b) {
        Optional<String> keyId = s.optionalString("credentials.access-key-id");
        Optional<Secret> secret = s.secret("credentials.secret-access-key");
        if (keyId.isPresent() != secret.isPresent()) {
            throw keyId.isPresent()
                    ? s.invalid("credentials.access-key-id", "is set without credentials.secret-access-key: give both, or neither for the SDK's default chain")
                    : s.invalid("credentials.secret-access-key", "is set without credentials.access-key-id: give both, or neither for the SDK's default chain");
        }
        if (keyId.isPresent() && (keyId.get().isBlank() || secret.get().reveal().isBlank())) {
            throw s.invalid(keyId.get().isBlank() ? "credentials.access-key-id" : "credentials.secret-access-key", "must not be empty");
        }
        if (keyId.isPresent() && s.has("credentials.profile")) {
            throw s.invalid("credentials.profile", "give either a profile or static keys, not both");
        }
        if (s.has("credentials.session-token") && keyId.isEmpty()) {
            throw s.invalid("credentials.session-token", "a session token needs access-key-id and secret-access-key");
        }
        keyId.ifPresent(id -> b.staticCredentials(id, secret.get(), s.secret("credentials.session-token").orElse(null)));
        s.optionalString("credentials.profile").ifPresent(b::profile);
    }

    private static int positive(BackendSettings s, String key, int value) {
        if (value < 1) {
            throw s.invalid(key, "must be at least 1");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(BackendSettings s, String key, Class<E> type) {
        String raw = s.string(key);
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw s.invalid(key, "expected one of " + allowed);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucket() {
        return bucket;
    }

    /** The region; empty means the SDK's region chain (or us-east-1 when an endpoint is set). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public boolean pathStyle() {
        return pathStyle;
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    public Optional<Secret> secretAccessKey() {
        return Optional.ofNullable(secretAccessKey);
    }

    public Optional<Secret> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public RetryMode retryMode() {
        return retryMode;
    }

    public Optional<Duration> apiCallTimeout() {
        return Optional.ofNullable(apiCallTimeout);
    }

    public Optional<Duration> apiCallAttemptTimeout() {
        return Optional.ofNullable(apiCallAttemptTimeout);
    }

    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /**
     * How long a request waits for a free connection of the standard client's pool before it
     * fails (empty: the SDK's default, 10 s); each retry attempt waits again.
     */
    public Optional<Duration> connectionAcquireTimeout() {
        return Optional.ofNullable(connectionAcquireTimeout);
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Checksums checksums() {
        return checksums;
    }

    public long multipartThreshold() {
        return multipartThreshold;
    }

    public long partSize() {
        return partSize;
    }

    /** A cap on a stream's parts in flight; the memory budget usually sets the window below it. */
    public int maxPartsInFlight() {
        return maxPartsInFlight;
    }

    /** Bytes of part buffers one streaming write may hold ({@code multipart.memory-budget}). */
    public long memoryBudget() {
        return memoryBudget;
    }

    /**
     * A stream's bounds with parts of {@code partSize} ({@code s3-crt} may size parts apart from
     * {@code multipart.part-size}): the threshold, the cap on parts in flight and the memory budget.
     */
    public PartedWriteLimits partedWriteLimits(long partSize) {
        return new PartedWriteLimits(multipartThreshold, (int) Math.min(partSize, Integer.MAX_VALUE - 64),
                maxPartsInFlight, memoryBudget, MAX_PARTS, "multipart.part-size");
    }

    /** Whether the server honours If-None-Match / If-Match on writes. */
    public boolean conditionalWrites() {
        return conditionalWrites;
    }

    /**
     * Whether PUTs and part uploads send {@code Expect: 100-continue} and wait for the server's
     * go-ahead before the body (adr/0016). Off by default: it costs a round trip per request and
     * only saves sending a body that a request about to fail would have wasted.
     */
    public boolean expectContinue() {
        return expectContinue;
    }

    /**
     * The SDK metric publishers the standard client reports each API call to: those the
     * registry's observability modules offer (ADR 0032), or those given to the builder.
     */
    public List<MetricPublisher> metricPublishers() {
        return metricPublishers;
    }

    @Override
    public String toString() {
        return "S3Config{bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKeyId != null ? "static(****)" : profile != null ? "profile(" + profile + ")" : "default-chain")
                + ", maxAttempts=" + maxAttempts + ", retryMode=" + retryMode + ", maxConnections=" + maxConnections
                + (connectionAcquireTimeout == null ? "" : ", connectionAcquireTimeout=" + connectionAcquireTimeout)
                + ", checksums=" + checksums + ", multipartThreshold=" + multipartThreshold + ", partSize=" + partSize
                + ", maxPartsInFlight=" + maxPartsInFlight + ", memoryBudget=" + memoryBudget
                + ", conditionalWrites=" + conditionalWrites
                + ", expectContinue=" + expectContinue + '}';
    }

    /** Builds an {@link S3Config} in code. Defaults as in the README. */
    public static final class Builder {
        private String bucket;
        private String region;
        private URI endpoint;
        private boolean pathStyle;
        private String accessKeyId;
        private Secret secretAccessKey;
        private Secret sessionToken;
        private String profile;
        private int maxAttempts = 5;
        private RetryMode retryMode = RetryMode.STANDARD;
        private Duration apiCallTimeout;
        private Duration apiCallAttemptTimeout;
        private Duration connectTimeout;
        private Duration connectionAcquireTimeout;
        private int maxConnections = 64;
        private Checksums checksums = Checksums.AUTO;
        private long multipartThreshold = 16L * 1024 * 1024;
        private long partSize = 8L * 1024 * 1024;
        private int maxPartsInFlight = 16;
        private long memoryBudget = 128L * 1024 * 1024;
        private boolean conditionalWrites = true;
        private boolean expectContinue;
        private List<MetricPublisher> metricPublishers = List.of();

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder staticCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId is null");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
            this.sessionToken = sessionToken;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder retryMode(RetryMode retryMode) {
            this.retryMode = Objects.requireNonNull(retryMode, "retryMode is null");
            return this;
        }

        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = timeout;
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.apiCallAttemptTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The wait for a free pooled connection; null: the SDK's default. */
        public Builder connectionAcquireTimeout(Duration timeout) {
            this.connectionAcquireTimeout = timeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder checksums(Checksums checksums) {
            this.checksums = Objects.requireNonNull(checksums, "checksums is null");
            return this;
        }

        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        /** A cap on parts in flight per stream (default 16; the memory budget may allow fewer). */
        public Builder maxPartsInFlight(int parts) {
            this.maxPartsInFlight = parts;
            return this;
        }

        /** Bytes of part buffers one stream may hold (default 128 MiB); at least two parts. */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /** Whether PUTs wait for {@code 100 Continue} before the body (default {@code false}). */
        public Builder expectContinue(boolean enabled) {
            this.expectContinue = enabled;
            return this;
        }

        public Builder conditionalWrites(boolean enabled) {
            this.conditionalWrites = enabled;
            return this;
        }

        /** SDK metric publishers for the standard client (default none); the caller closes them. */
        public Builder metricPublishers(List<? extends MetricPublisher> publishers) {
            this.metricPublishers = List.copyOf(publishers);
            return this;
        }

        public S3Config build() {
            return new S3Config(this);
        }
    }
}
