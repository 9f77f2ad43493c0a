package dev.remotestore.s3crt;

import dev.remotestore.s3.S3Config;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigProblems;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.ConfigSchema.ValueType;
import dev.remotestore.spi.PartedWriteLimits;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The settings of an {@code s3-crt} backend: every {@code s3} setting ({@link S3Config}, with the
 * same meaning) plus the {@code crt { ... }} block that tunes the CRT-based client. Read from a
 * validated config block ({@link #from}) or built in code ({@link #builder}). Immutable;
 * {@code toString} masks secrets.
 */
public final class S3CrtConfig {
    /** AWS's guidance for the CRT client: 10 Gbps. */
    public static final double DEFAULT_TARGET_THROUGHPUT_GBPS = 10.0;
    /** AWS's guidance for the CRT client: 8 MiB parts. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /**
     * How many parts a streaming read may run ahead of its reader unless
     * {@code crt.initial-read-buffer} says otherwise: 32 (the SDK's own default is 10), so that
     * enough ranged GETs are in flight to fill a link with tens of milliseconds of latency (adr/0015).
     */
    public static final int DEFAULT_READ_AHEAD_PARTS = 32;

    static final String API_CALL_ATTEMPT_REFUSED = "is not supported by s3-crt: the CRT client takes no per-attempt"
            + " timeout (its retries run inside the native client); use timeouts.api-call, which bounds a whole call"
            + " on both clients, or type = s3";

    private final S3Config s3;
    private final double targetThroughputGbps;
    private final long partSize;
    private final Integer maxConcurrency;
    private final Long maxNativeMemory;
    private final Long initialReadBuffer;
    private final boolean dropExpectContinue;

    private S3CrtConfig(Builder b) {
        this.s3 = Objects.requireNonNull(b.s3, "s3 config is null");
        this.targetThroughputGbps = b.targetThroughputGbps;
        this.partSize = b.partSize == null ? s3.partSize() : b.partSize;
        this.maxConcurrency = b.maxConcurrency;
        this.maxNativeMemory = b.maxNativeMemory;
        this.initialReadBuffer = b.initialReadBuffer;
        this.dropExpectContinue = b.dropExpectContinue;
        if (!(targetThroughputGbps > 0)) {
            throw new IllegalArgumentException("target throughput must be positive");
        }
        if (partSize < S3Config.MIN_PART_SIZE || partSize > S3Config.MAX_SINGLE_REQUEST_SIZE) {
            throw new IllegalArgumentException("part size must be between 5 MiB and 5 GiB");
        }
        PartedWriteLimits.budgetProblem(s3.memoryBudget(), partSize).ifPresent(problem -> {
            throw new IllegalArgumentException("memory budget " + problem);
        });
        if (s3.apiCallAttemptTimeout().isPresent()) {
            throw new IllegalArgumentException(API_CALL_ATTEMPT_REFUSED);
        }
        if ((maxConcurrency != null && maxConcurrency < 1) || (maxNativeMemory != null && maxNativeMemory < 1)
                || (initialReadBuffer != null && initialReadBuffer < 1)) {
            throw new IllegalArgumentException("max concurrency, native memory and read buffer must be positive");
        }
    }

    /** The keys of an {@code s3-crt} block: those of {@code s3} plus {@code crt { ... }}. */
    public static ConfigSchema.Builder schemaBuilder() {
        return S3Config.schemaBuilder()
                .block("crt", ConfigSchema.builder()
                        .optional("target-throughput-gbps", ValueType.STRING,
                                "throughput the CRT sizes its connections for, in Gbps (default 10)")
                        .optional("part-size", ValueType.BINARY_BYTES,
                                "part size of multipart uploads and ranged GETs, 5MiB..5GiB (default: multipart.part-size, 8MiB)")
                        .optional("max-concurrency", ValueType.INT, "most connections the CRT opens (default: from the throughput)")
                        .optional("max-native-memory", ValueType.BYTES, "cap of the CRT's native buffer pool (default: the CRT's)")
                        .optional("initial-read-buffer", ValueType.BYTES,
                                "bytes a streaming read buffers ahead of the reader (default: 10 parts)")
                        .optional("drop-expect-continue", ValueType.BOOLEAN,
                                "remove Expect: 100-continue from CRT requests, for gateways that mishandle it (default false)")
                        .build(), "the CRT-based client of the data path");
    }

    /**
     * Reads a validated config block.
     *
     * @throws dev.remotestore.InvalidConfigException listing every semantic error of the
     *         {@code s3} keys and the {@code crt} block, each naming its key and origin
     */
    public static S3CrtConfig from(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        S3CrtConfig config = read(s, problems);
        problems.throwIfAny();
        return config;
    }

    /** What the provider's {@code validate} runs: {@link #from} plus {@code s3}'s region check. */
    public static S3CrtConfig validate(BackendSettings s) {
        ConfigProblems problems = new ConfigProblems();
        S3CrtConfig config = read(s, problems);
        S3Config.checkRegion(s, problems);
        problems.throwIfAny();
        return config;
    }

    private static S3CrtConfig read(BackendSettings s, ConfigProblems problems) {
        if (s.has("timeouts.api-call-attempt")) {
            problems.add(s.invalid("timeouts.api-call-attempt", API_CALL_ATTEMPT_REFUSED));
        }
        S3Config s3 = S3Config.read(s, problems);
        Builder b = new Builder(s3);
        if (s.has("crt.target-throughput-gbps")) {
            problems.check(() -> {
                String raw = s.string("crt.target-throughput-gbps").trim();
                try {
                    double gbps = Double.parseDouble(raw);
                    if (!(gbps > 0) || Double.isInfinite(gbps)) {
                        throw s.invalid("crt.target-throughput-gbps", "must be a positive number such as 10 or 2.5");
                    }
                    b.targetThroughputGbps(gbps);
                } catch (NumberFormatException e) {
                    throw s.invalid("crt.target-throughput-gbps", "must be a positive number such as 10 or 2.5");
                }
            });
        }
        if (s.has("crt.part-size")) {
            problems.check(() -> {
                long part = s.bytes("crt.part-size", DEFAULT_PART_SIZE);
                if (part < S3Config.MIN_PART_SIZE || part > S3Config.MAX_SINGLE_REQUEST_SIZE) {
                    throw s.invalid("crt.part-size", "must be between 5MiB and 5GiB (S3's part sizes)");
                }
                if (s3 != null) { // a stream's parts are crt.part-size: the budget must hold two of them
                    PartedWriteLimits.budgetProblem(s3.memoryBudget(), part).ifPresent(problem -> {
                        throw s.invalid("crt.part-size", "multipart.memory-budget (" + s3.memoryBudget() + " bytes) "
                                + problem + "; raise multipart.memory-budget or lower crt.part-size");
                    });
                }
                b.partSize(part);
            });
        }
        if (s.has("crt.max-concurrency")) {
            problems.check(() -> {
                int n = s.integer("crt.max-concurrency", 0);
                if (n < 1) {
                    throw s.invalid("crt.max-concurrency", "must be at least 1");
                }
                b.maxConcurrency(n);
            });
        }
        // sizes: the schema already refused zero and negative ones
        if (s.has("crt.max-native-memory")) {
            b.maxNativeMemory(s.bytes("crt.max-native-memory", 0));
        }
        if (s.has("crt.initial-read-buffer")) {
            b.initialReadBuffer(s.bytes("crt.initial-read-buffer", 0));
        }
        b.dropExpectContinue(s.bool("crt.drop-expect-continue", false));
        return problems.isEmpty() ? b.build() : null;
    }

    /** A builder over the given {@code s3} settings, with the CRT defaults. */
    public static Builder builder(S3Config s3) {
        return new Builder(Objects.requireNonNull(s3, "s3 is null"));
    }

    /** The {@code s3} settings (bucket, endpoint, credentials, retries, ...). */
    public S3Config s3() {
        return s3;
    }

    public double targetThroughputGbps() {
        return targetThroughputGbps;
    }

    /** The CRT's part size, for uploads and ranged GETs alike. */
    public long partSize() {
        return partSize;
    }

    public OptionalInt maxConcurrency() {
        return maxConcurrency == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrency);
    }

    public OptionalLong maxNativeMemory() {
        return maxNativeMemory == null ? OptionalLong.empty() : OptionalLong.of(maxNativeMemory);
    }

    public OptionalLong initialReadBuffer() {
        return initialReadBuffer == null ? OptionalLong.empty() : OptionalLong.of(initialReadBuffer);
    }

    /**
     * How many bytes a streaming read may run ahead of its reader: {@code crt.initial-read-buffer},
     * else {@link #DEFAULT_READ_AHEAD_PARTS} parts.
     */
    public long readAhead() {
        return initialReadBuffer != null ? initialReadBuffer : DEFAULT_READ_AHEAD_PARTS * partSize;
    }

    /** Whether the CRT path removes {@code Expect: 100-continue} (for gateways that mishandle it). */
    public boolean dropExpectContinue() {
        return dropExpectContinue;
    }

    @Override
    public String toString() {
        return "S3CrtConfig{" + s3 + ", crt{targetThroughputGbps=" + targetThroughputGbps + ", partSize=" + partSize
                + ", maxConcurrency=" + Optional.ofNullable(maxConcurrency).map(String::valueOf).orElse("default")
                + ", maxNativeMemory=" + Optional.ofNullable(maxNativeMemory).map(String::valueOf).orElse("default")
                + ", initialReadBuffer=" + Optional.ofNullable(initialReadBuffer).map(String::valueOf).orElse("default")
                + ", dropExpectContinue=" + dropExpectContinue + "}}";
    }

    /** Builds an {@link S3CrtConfig} in code. */
    public static final class Builder {
        private final S3Config s3;
        private double targetThroughputGbps = DEFAULT_TARGET_THROUGHPUT_GBPS;
        private Long partSize;
        private Integer maxConcurrency;
        private Long maxNativeMemory;
        private Long initialReadBuffer;
        private boolean dropExpectContinue;

        private Builder(S3Config s3) {
            // null only while read() collects problems; build() is then never called
            this.s3 = s3;
        }

        public Builder targetThroughputGbps(double gbps) {
            this.targetThroughputGbps = gbps;
            return this;
        }

        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        public Builder maxConcurrency(int connections) {
            this.maxConcurrency = connections;
            return this;
        }

        public Builder maxNativeMemory(long bytes) {
            this.maxNativeMemory = bytes;
            return this;
        }

        public Builder initialReadBuffer(long bytes) {
            this.initialReadBuffer = bytes;
            return this;
        }

        public Builder dropExpectContinue(boolean drop) {
            this.dropExpectContinue = drop;
            return this;
        }

        public S3CrtConfig build() {
            return new S3CrtConfig(this);
        }
    }
}
