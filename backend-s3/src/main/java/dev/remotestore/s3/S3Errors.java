package dev.remotestore.s3;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.UnsupportedCapabilityException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where S3 failures become the project's errors, for {@code s3} and
 * {@code s3-crt} alike. Messages keep the S3 error code, HTTP status and request id, never a
 * credential.
 */
public final class S3Errors {
    private S3Errors() {
    }

    /** Maps a failure of an operation on {@code key} that is not a conditional write. */
    public static RemoteStoreException map(String operation, String key, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof RemoteStoreException rse) {
            return rse;
        }
        if (t instanceof AwsServiceException e) {
            String detail = describe(operation, e);
            int status = e.statusCode();
            String code = errorCode(e);
            if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchUpload".equals(code)) {
                return new NotFoundException(detail, key, e);
            }
            if (status == 401 || status == 403) {
                return new PermissionDeniedException(detail, key, e);
            }
            if (status == 412 || "ConditionalRequestConflict".equals(code)) {
                return new PreconditionFailedException(detail, key, e);
            }
            if (status == 429 || status >= 500 || e.isThrottlingException() || "SlowDown".equals(code)) {
                return new BackendUnavailableException(detail, key, e);
            }
            return new RemoteStoreException(detail, key, e);
        }
        if (isPoolExhausted(t)) {
            return new BackendUnavailableException(operation + " failed: no HTTP connection of the pool became free within "
                    + "timeouts.connection-acquire (every one of max-connections is in use; a read stream or channel that is "
                    + "never closed keeps one: close them, e.g. with try-with-resources, or raise max-connections): "
                    + t.getMessage(), key, t);
        }
        if (t instanceof SdkClientException && isMissingCredentials(t)) {
            // not transient: retrying cannot help until credentials are provided
            return new PermissionDeniedException(operation + " failed: no AWS credentials were found (static keys in the"
                    + " config, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/credentials, SSO,"
                    + " container or instance roles): " + t.getMessage(), key, t);
        }
        if (t instanceof SdkClientException || t instanceof IOException || t instanceof UncheckedIOException) {
            return new BackendUnavailableException(operation + " failed: " + t.getMessage(), key, t);
        }
        if (t instanceof SdkException) {
            return new RemoteStoreException(operation + " failed: " + t.getMessage(), key, t);
        }
        if (t instanceof UnsupportedOperationException) {
            // the client refused the request as configured (e.g. an override the CRT does not take)
            return new UnsupportedCapabilityException(operation + " is not supported by the client: " + t.getMessage(), key, t);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RemoteStoreException(operation + " was interrupted", key, t);
        }
        return new RemoteStoreException(operation + " failed: " + t, key, t);
    }

    /** Whether the SDK failed before sending because its credential providers found nothing. */
    static boolean isMissingCredentials(Throwable t) {
        String message = t.getMessage();
        return message != null && message.startsWith("Unable to load credentials");
    }

    /**
     * Maps a failure of a write made under {@code mode}: a failed precondition means the file
     * exists (create-only) or changed or vanished (compare-and-swap).
     */
    public static RemoteStoreException mapWrite(String operation, String key, WriteOptions.Mode mode, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof AwsServiceException e) {
            int status = e.statusCode();
            boolean preconditionFailed = status == 412;
            if (mode == WriteOptions.Mode.CREATE_ONLY && (preconditionFailed || isCreateConflict(e))) {
                return new AlreadyExistsException("a file exists at this key (" + describe(operation, e) + ")", key, e);
            }
            if (mode == WriteOptions.Mode.IF_MATCH && (preconditionFailed || status == 404)) {
                return new PreconditionFailedException("the file changed or vanished (" + describe(operation, e) + ")", key, e);
            }
        }
        return map(operation, key, failure);
    }

    /** Whether S3 asks to retry a conditional write that raced another one (409). */
    public static boolean isConditionalConflict(Throwable failure) {
        return unwrap(failure) instanceof AwsServiceException e && "ConditionalRequestConflict".equals(errorCode(e));
    }

    /** Whether the failure is S3's 416 for a range that starts at or past the end. */
    public static boolean isInvalidRange(Throwable failure) {
        return unwrap(failure) instanceof AwsServiceException e && (e.statusCode() == 416 || "InvalidRange".equals(errorCode(e)));
    }

    /** Whether the failure is a 412. */
    public static boolean isPreconditionFailed(Throwable failure) {
        return unwrap(failure) instanceof AwsServiceException e && e.statusCode() == 412;
    }

    /** Whether the failure is a 404 (missing key or bucket). */
    public static boolean isNotFound(Throwable failure) {
        return unwrap(failure) instanceof AwsServiceException e && e.statusCode() == 404;
    }

    /** Whether the request failed waiting for a pooled connection (the Apache client's pool timeout). */
    static boolean isPoolExhausted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // by name: the Apache HTTP client is the standard client's, not an API dependency of this class
            if (c.getClass().getSimpleName().equals("ConnectionPoolTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCreateConflict(AwsServiceException e) {
        // Some S3-compatible servers answer an If-None-Match: * collision with 409.
        return e.statusCode() == 409 && !"ConditionalRequestConflict".equals(errorCode(e));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String describe(String operation, AwsServiceException e) {
        StringBuilder sb = new StringBuilder(operation).append(" failed: ");
        String code = errorCode(e);
        sb.append(code == null ? "error" : code).append(" (HTTP ").append(e.statusCode());
        if (e.requestId() != null) {
            sb.append(", request id ").append(e.requestId());
        }
        if (e.extendedRequestId() != null) {
            sb.append(", extended request id ").append(e.extendedRequestId());
        }
        sb.append(')');
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message);
        }
        return sb.toString();
    }
}
