package dev.remotestore.s3;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Finds out what the server decided about a conditional write (create-only or compare-and-swap
 * on PutObject or CompleteMultipartUpload) whose answer did not arrive: a connection that broke
 * or a 5xx leaves it open whether the object was written. Some servers (S3Proxy) answer a failed
 * precondition with 412 before reading the body and close the connection, so the client, still
 * sending, sees only a broken pipe; a retried request whose first attempt did land sees its own
 * object and is refused. Resending the whole body cannot tell these apart; the object's current
 * state can (adr/0021):
 * <ul>
 *   <li>it carries this write's {@link S3WriteToken token} (or, for options without one, the ETag
 *       this write gives the object): the write landed ({@code WRITTEN}). Equal bytes written by
 *       someone else give an equal ETag but not our token (adr/0054);
 *   <li>it is in the state the condition requires (absent for create-only, the expected ETag for
 *       compare-and-swap): nothing was decided, the request may be sent again ({@code UNDECIDED});
 *   <li>otherwise the condition does not hold: the write is refused ({@code REFUSED}) with the
 *       error a 412 would have given, without another upload.
 * </ul>
 * The SDK's own retries would resend the body before this can look, so the requests go out with
 * {@link #SINGLE_ATTEMPT} and this class repeats an undecided one, up to the configured attempts.
 * Like every check made after the fact it sees the object as it is then: a writer that replaced
 * the object in between makes a landed write read as refused (never the reverse).
 */
public final class S3ConditionalOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(S3ConditionalOutcome.class);
    /** A 409 ConditionalRequestConflict (a racing conditional write) is tried this many times in all. */
    static final int CONFLICT_ATTEMPTS = 4;

    /** What the object's current state says about a write whose answer was lost. */
    public enum Verdict {
        WRITTEN,
        REFUSED,
        UNDECIDED
    }

    /**
     * A per-request override that lets the SDK send the request once, without its own retries:
     * {@link #run} decides whether repeating it is needed.
     */
    public static final Consumer<AwsRequestOverrideConfiguration.Builder> SINGLE_ATTEMPT =
            o -> o.addPlugin(new SingleAttempt());

    private final S3Client s3;
    private final String bucket;
    private final int maxAttempts;

    /** Judges with HEADs on {@code s3}; an undecided write is sent at most {@code maxAttempts} times. */
    public S3ConditionalOutcome(S3Client s3, String bucket, int maxAttempts) {
        this.s3 = Objects.requireNonNull(s3, "s3 is null");
        this.bucket = Objects.requireNonNull(bucket, "bucket is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * Runs a conditional write whose request is built with {@link #SINGLE_ATTEMPT}.
     *
     * @param operation the request's name, for messages
     * @param key the written key
     * @param options the write's mode and expected ETag
     * @param ours the ETag the object gets if this write lands (see {@link #putEtag},
     *     {@link #multipartEtag}); asked only after a lost answer; null when it cannot be known
     * @param attempt sends the request once
     * @param written the result to return when a HEAD shows that a lost attempt landed
     */
    public <T> T run(String operation, String key, WriteOptions options, Supplier<String> ours, Supplier<T> attempt,
            Function<HeadObjectResponse, T> written) {
        int conflicts = 0;
        for (int sent = 1; ; sent++) {
            RuntimeException failure;
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (S3Errors.isConditionalConflict(failure) && ++conflicts < CONFLICT_ATTEMPTS) {
                backOff(conflicts);
                sent--; // S3 asks for this retry; it is no lost answer
                continue;
            }
            if (!isUnanswered(failure) || Thread.currentThread().isInterrupted()) {
                throw S3Errors.mapWrite(operation, key, options.mode(), failure);
            }
            Optional<HeadObjectResponse> now;
            try {
                now = headIfExists(key);
            } catch (RuntimeException headFailed) {
                RemoteStoreException e = S3Errors.mapWrite(operation, key, options.mode(), failure);
                e.addSuppressed(headFailed);
                throw e;
            }
            Verdict verdict = judge(options, now, ours == null ? null : ours.get());
            LOG.debug("{} of {} got no answer ({}); the object's state says {}", operation, key, failure.toString(), verdict);
            switch (verdict) {
                case WRITTEN -> {
                    return written.apply(now.orElseThrow());
                }
                case REFUSED -> throw refusal(operation, key, options, now, failure);
                case UNDECIDED -> {
                    if (sent >= maxAttempts) {
                        throw S3Errors.mapWrite(operation, key, options.mode(), failure);
                    }
                    backOff(sent);
                }
                default -> throw new IllegalStateException(verdict.toString());
            }
        }
    }

    /**
     * The verdict on a conditional write from the object's state now.
     *
     * @param current the object as a HEAD sees it, empty if absent
     * @param ours the ETag the write gives the object if it lands; null if unknown
     */
    public static Verdict judge(WriteOptions options, Optional<HeadObjectResponse> current, String ours) {
        String now = current.map(HeadObjectResponse::eTag).orElse(null);
        String token = S3WriteToken.of(options);
        if (current.isPresent() && token != null) {
            // the write's own token says it for certain, whatever the ETag (adr/0054)
            if (token.equals(current.get().metadata().get(S3WriteToken.KEY))) {
                return Verdict.WRITTEN;
            }
        } else if (current.isPresent() && ours != null && sameEtag(ours, now)) {
            return Verdict.WRITTEN; // no token: our ETag is the best evidence there is
        }
        return switch (options.mode()) {
            case CREATE_ONLY -> current.isEmpty() ? Verdict.UNDECIDED : Verdict.REFUSED;
            case IF_MATCH -> current.isPresent() && sameEtag(options.expectedEtag().orElseThrow(), now)
                    ? Verdict.UNDECIDED : Verdict.REFUSED;
            case OVERWRITE -> Verdict.UNDECIDED; // no condition: a repeat is always safe
        };
    }

    /**
     * Whether a failure leaves open whether the request was applied: no answer arrived (an I/O
     * failure, a timeout) or the server failed (5xx) or throttled. A 4xx is an answer.
     */
    public static boolean isUnanswered(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AwsServiceException e) {
            return e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
        }
        if (t instanceof SdkClientException) {
            return !S3Errors.isPoolExhausted(t);
        }
        // An answer whose body broke off while the SDK read it (S3Proxy's 412 on a closing
        // connection: "Truncated chunk") reaches us as a bare UncheckedIOException.
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.io.IOException || c instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The ETag S3 gives one PutObject of these bytes: their MD5 in hex, quoted (not under SSE-KMS / SSE-C). */
    public static String putEtag(byte[] data, int length) {
        MessageDigest md5 = md5();
        md5.update(data, 0, length);
        return '"' + HexFormat.of().formatHex(md5.digest()) + '"';
    }

    /**
     * The ETag S3 gives an object completed from these parts: the MD5 of the parts' binary MD5s,
     * a dash and the number of parts. Null when a part's ETag is not an MD5 (then a landed
     * completion cannot be recognised and reads as refused).
     */
    public static String multipartEtag(List<CompletedPart> parts) {
        MessageDigest md5 = md5();
        for (CompletedPart part : parts) {
            String hex = part.eTag() == null ? "" : part.eTag().replace("\"", "");
            if (!hex.matches("[0-9a-fA-F]{32}")) {
                return null;
            }
            md5.update(HexFormat.of().parseHex(hex));
        }
        return '"' + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + '"';
    }

    private Optional<HeadObjectResponse> headIfExists(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static RemoteStoreException refusal(String operation, String key, WriteOptions options,
            Optional<HeadObjectResponse> now, Throwable failure) {
        String why = operation + " got no answer (" + failure.getMessage() + "); ";
        if (options.mode() == WriteOptions.Mode.CREATE_ONLY) {
            return new AlreadyExistsException("a file exists at this key (" + why + "the object now has ETag "
                    + now.map(HeadObjectResponse::eTag).orElse("?") + ", not this write's)", key, failure);
        }
        return new PreconditionFailedException("the file changed or vanished (" + why
                + now.map(h -> "its ETag is " + h.eTag()).orElse("it does not exist") + ", not "
                + options.expectedEtag().orElse("?") + ")", key, failure);
    }

    private static boolean sameEtag(String a, String b) {
        return b != null && strip(a).equals(strip(b));
    }

    private static String strip(String etag) {
        String e = etag.startsWith("W/") ? etag.substring(2) : etag;
        return e.replace("\"", "");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static void backOff(int attempt) {
        long base = Math.min(2_000L, 50L << Math.min(attempt, 6));
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Replaces the client's retry strategy for one request by one that does not retry. */
    private static final class SingleAttempt implements SdkPlugin {
        @Override
        public void configureClient(software.amazon.awssdk.core.SdkServiceClientConfiguration.Builder config) {
            config.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        }
    }
}
