package dev.remotestore.azure;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigProblems;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import dev.remotestore.spi.PartedWriteLimits;
import dev.remotestore.spi.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of an {@code azure} backend: read from a validated config block ({@link #from})
 * or built in code ({@link #builder}). Immutable; {@code toString} masks every credential.
 *
 * <p>Credentials: exactly one of an account key, a SAS token or a connection string; with none,
 * the default Azure credential chain ({@code DefaultAzureCredential}), which needs
 * {@code com.azure:azure-identity} on the class path.
 */
public final class AzureConfig {
    /** Azure's largest block (service version 2019-12-12 and later). */
    public static final long MAX_BLOCK_SIZE = 4000L * 1024 * 1024;
    /** The smallest block this backend accepts: smaller blocks only multiply requests. */
    public static final long MIN_BLOCK_SIZE = 64L * 1024;
    /** Azure's most committed blocks in one blob. */
    public static final int MAX_BLOCKS = 50_000;

    /** How the backend authenticates. */
    public enum CredentialKind {
        ACCOUNT_KEY,
        SAS_TOKEN,
        CONNECTION_STRING,
        DEFAULT_CHAIN
    }

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}|devstoreaccount1");
    private static final Pattern CONTAINER = Pattern.compile("\\$root|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    private final String account;
    private final String container;
    private final URI endpoint;
    private final Secret accountKey;
    private final Secret sasToken;
    private final Secret connectionString;
    private final int maxAttempts;
    private final long blockSize;
    private final int maxConcurrency;
    private final long memoryBudget;

    private AzureConfig(Builder b) {
        this.container = requireText(b.container, "container");
        this.connectionString = b.connectionString;
        this.account = b.account;
        if (account == null && connectionString == null) {
            throw new IllegalArgumentException("account is required (or a connection string that names it)");
        }
        this.endpoint = b.endpoint;
        this.accountKey = b.accountKey;
        this.sasToken = b.sasToken;
        this.maxAttempts = b.maxAttempts;
        this.blockSize = b.blockSize;
        this.maxConcurrency = b.maxConcurrency;
        this.memoryBudget = b.memoryBudget;
        int given = (accountKey == null ? 0 : 1) + (sasToken == null ? 0 : 1) + (connectionString == null ? 0 : 1);
        if (given > 1) {
            throw new IllegalArgumentException("give at most one of account key, SAS token and connection string");
        }
        if (maxAttempts < 1 || maxConcurrency < 1) {
            throw new IllegalArgumentException("max attempts and max concurrency must be positive");
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size must be between 64KiB and 4000MiB");
        }
        PartedWriteLimits.budgetProblem(memoryBudget, blockSize).ifPresent(problem -> {
            throw new IllegalArgumentException("memory budget " + problem);
        });
    }

    /** The keys of an {@code azure} block. */
    public static ConfigSchema.Builder schemaBuilder() {
        return ConfigSchema.builder()
                .required("account", ValueType.STRING, "the storage account name")
                .required("container", ValueType.STRING, "the container name")
                .optional("endpoint", ValueType.STRING,
                        "the blob service URL; absent: https://<account>.blob.core.windows.net (Azurite: http://127.0.0.1:10000/devstoreaccount1)")
                .block("credentials", ConfigSchema.builder()
                        .optional("account-key", ValueType.SECRET, "the account's shared key")
                        .optional("sas-token", ValueType.SECRET, "a SAS token for the account or container")
                        .optional("connection-string", ValueType.SECRET, "a storage connection string")
                        .build(), "at most one; absent: DefaultAzureCredential (needs com.azure:azure-identity)")
                .block("retry", ConfigSchema.builder()
                        .optional("max-attempts", ValueType.INT, "attempts per request, first included")
                        .build(), "the SDK's retry policy")
                .optional("block-size", ValueType.BINARY_BYTES, "size of each staged block of a streaming write (64KiB to 4000MiB)")
                .optional("max-concurrency", ValueType.INT,
                        "a cap on blocks staged at once per streaming write, below what memory-budget allows")
                .optional("memory-budget", ValueType.BINARY_BYTES,
                        "block buffers one streaming write may hold; sets how many blocks are in flight");
    }

    /**
     * Reads a validated config block.
     *
     * @throws InvalidConfigException listing every semantic error, each naming its key and origin, never a secret
     */
    public static AzureConfig from(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        Builder b = builder();
        String account = s.string("account");
        if (!ACCOUNT.matcher(account).matches()) {
            problems.add(s.invalid("account", "expected 3 to 24 lower-case letters and digits (a storage account name)"));
        }
        b.account(account);
        String container = s.string("container");
        if (!CONTAINER.matcher(container).matches()) {
            problems.add(s.invalid("container", "expected 3 to 63 lower-case letters, digits and single hyphens, starting with a letter or digit"));
        }
        b.container(container);
        if (s.has("endpoint")) {
            problems.check(() -> b.endpoint(endpoint(s)));
        }
        problems.check(() -> readCredentials(s, b));
        problems.check(() -> b.maxAttempts(atLeastOne(s, "retry.max-attempts", s.integer("retry.max-attempts", b.maxAttempts))));
        long blockSize = s.bytes("block-size", b.blockSize);
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
            problems.add(s.invalid("block-size", "must be between 64KiB and 4000MiB (Azure's largest block)"));
        } else {
            b.blockSize(blockSize);
        }
        problems.check(() -> b.maxConcurrency(atLeastOne(s, "max-concurrency", s.integer("max-concurrency", b.maxConcurrency))));
        problems.check(() -> {
            long budget = s.bytes("memory-budget", b.memoryBudget);
            PartedWriteLimits.budgetProblem(budget, b.blockSize).ifPresent(problem -> {
                throw s.invalid("memory-budget", problem + "; raise it or lower block-size");
            });
            b.memoryBudget(budget);
        });
        problems.throwIfAny();
        return b.build();
    }

    // Checked here rather than by the SDK at the first request, where a key that is not Base64
    // fails deep in request signing. Messages never echo the values.
    private static void readCredentials(BackendSettings s, Builder b) {
        String given = null;
        for (String key : new String[] {"credentials.account-key", "credentials.sas-token", "credentials.connection-string"}) {
            if (s.has(key)) {
                if (given != null) {
                    throw s.invalid(key, "give only one of account-key, sas-token and connection-string (" + given + " is set too)");
                }
                if (s.secret(key).get().reveal().isBlank()) {
                    throw s.invalid(key, "is empty");
                }
                given = key.substring("credentials.".length());
            }
        }
        s.secret("credentials.account-key").ifPresent(key -> {
            if (!isBase64(key.reveal())) {
                throw s.invalid("credentials.account-key", "is not Base64 (an account key is the Base64 text the portal shows)");
            }
            b.accountKey(key);
        });
        s.secret("credentials.sas-token").ifPresent(token -> {
            if (!token.reveal().contains("sig=")) {
                throw s.invalid("credentials.sas-token", "has no sig= parameter: give the whole SAS token (sv=...&sig=...)");
            }
            b.sasToken(token);
        });
        s.secret("credentials.connection-string").ifPresent(cs -> {
            String text = cs.reveal();
            if (!text.contains("=")) {
                throw s.invalid("credentials.connection-string", "expected key=value pairs separated by ';' (AccountName=...;AccountKey=...)");
            }
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase("AccountKey") && !isBase64(part.substring(eq + 1).trim())) {
                    throw s.invalid("credentials.connection-string", "its AccountKey is not Base64");
                }
            }
            b.connectionString(cs);
        });
    }

    private static boolean isBase64(String text) {
        try {
            return Base64.getDecoder().decode(text.trim()).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static URI endpoint(BackendSettings s) {
        try {
            URI uri = new URI(s.string("endpoint"));
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw s.invalid("endpoint", "expected an http(s) URL such as https://myaccount.blob.core.windows.net");
            }
            if (uri.getRawQuery() != null) {
                throw s.invalid("endpoint", "must not carry a query; put a SAS token in credentials.sas-token");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw s.invalid("endpoint", "not a URL");
        }
    }

    private static int atLeastOne(BackendSettings s, String key, int value) {
        if (value < 1) {
            throw s.invalid(key, "must be at least 1");
        }
        return value;
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

    /** The account name; empty only when a connection string names it. */
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    public String container() {
        return container;
    }

    /** The blob service URL: the configured one or {@code https://<account>.blob.core.windows.net}. */
    public Optional<URI> endpoint() {
        if (endpoint != null) {
            return Optional.of(endpoint);
        }
        return account == null ? Optional.empty() : Optional.of(URI.create("https://" + account + ".blob.core.windows.net"));
    }

    /** The endpoint as configured, without the default. */
    public Optional<URI> explicitEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    public CredentialKind credentialKind() {
        if (accountKey != null) {
            return CredentialKind.ACCOUNT_KEY;
        }
        if (sasToken != null) {
            return CredentialKind.SAS_TOKEN;
        }
        if (connectionString != null) {
            return CredentialKind.CONNECTION_STRING;
        }
        return CredentialKind.DEFAULT_CHAIN;
    }

    public Optional<Secret> accountKey() {
        return Optional.ofNullable(accountKey);
    }

    public Optional<Secret> sasToken() {
        return Optional.ofNullable(sasToken);
    }

    public Optional<Secret> connectionString() {
        return Optional.ofNullable(connectionString);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public long blockSize() {
        return blockSize;
    }

    /** A cap on a stream's blocks in flight (and the NIO file system's per-request concurrency). */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Bytes of block buffers one streaming write may hold ({@code memory-budget}). */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** A streaming write's bounds: blocks of {@code block-size}, at most {@link #maxConcurrency()} in flight, the budget. */
    PartedWriteLimits partedWriteLimits() {
        int block = (int) Math.min(blockSize, Integer.MAX_VALUE - 64);
        // threshold one byte short of a block: a write that never fills a block is one Put Blob,
        // and the first full block is staged at once (no copy of it into a Put Blob body)
        return new PartedWriteLimits(block - 1, block, maxConcurrency, memoryBudget, MAX_BLOCKS, "block-size");
    }

    @Override
    public String toString() {
        return "AzureConfig{account=" + account + ", container=" + container + ", endpoint=" + endpoint
                + ", credentials=" + credentialKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (credentialKind() == CredentialKind.DEFAULT_CHAIN ? "" : "(****)")
                + ", maxAttempts=" + maxAttempts + ", blockSize=" + blockSize + ", maxConcurrency=" + maxConcurrency
                + ", memoryBudget=" + memoryBudget + '}';
    }

    /** Builds an {@link AzureConfig} in code. Defaults as in the README. */
    public static final class Builder {
        private String account;
        private String container;
        private URI endpoint;
        private Secret accountKey;
        private Secret sasToken;
        private Secret connectionString;
        private int maxAttempts = 4;
        private long blockSize = 8L * 1024 * 1024;
        private int maxConcurrency = 16;
        private long memoryBudget = 128L * 1024 * 1024;

        private Builder() {
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder container(String container) {
            this.container = container;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder accountKey(Secret key) {
            this.accountKey = Objects.requireNonNull(key, "key is null");
            return this;
        }

        public Builder sasToken(Secret token) {
            this.sasToken = Objects.requireNonNull(token, "token is null");
            return this;
        }

        public Builder connectionString(Secret connectionString) {
            this.connectionString = Objects.requireNonNull(connectionString, "connectionString is null");
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder blockSize(long bytes) {
            this.blockSize = bytes;
            return this;
        }

        /** A cap on blocks in flight per stream (default 16; the memory budget may allow fewer). */
        public Builder maxConcurrency(int blocksInFlight) {
            this.maxConcurrency = blocksInFlight;
            return this;
        }

        /** Bytes of block buffers one streaming write may hold (default 128 MiB); at least two blocks. */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        public AzureConfig build() {
            return new AzureConfig(this);
        }
    }
}
