package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The status codes S3Proxy cannot be made to answer (throttling, 5xx, 409 conflicts) mapped from
 * SDK exceptions built as the SDK builds them; S3ErrorMappingTest covers real server answers.
 */
class S3ErrorsTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status).requestId("REQ123")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg for " + code).build())
                .build();
    }

    @ParameterizedTest
    @CsvSource({
        "404, NoSuchKey, NotFoundException",
        "404, NoSuchBucket, NotFoundException",
        "403, AccessDenied, PermissionDeniedException",
        "401, Unauthorized, PermissionDeniedException",
        "412, PreconditionFailed, PreconditionFailedException",
        "409, ConditionalRequestConflict, PreconditionFailedException",
        "429, TooManyRequests, BackendUnavailableException",
        "503, SlowDown, BackendUnavailableException",
        "500, InternalError, BackendUnavailableException",
        "400, InvalidArgument, RemoteStoreException",
    })
    void statusAndCodeDecideTheErrorType(int status, String code, String expected) {
        RemoteStoreException e = S3Errors.map("GetObject", "k", s3(status, code));
        assertEquals(expected, e.getClass().getSimpleName());
        assertTrue(e.getMessage().contains("request id REQ123"), e.getMessage());
        assertTrue(e.getMessage().contains(code), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
    }

    @Test
    void aFailedPreconditionMeansExistsForCreateOnlyAndChangedForCompareAndSwap() {
        assertInstanceOf(AlreadyExistsException.class,
                S3Errors.mapWrite("PutObject", "k", WriteOptions.Mode.CREATE_ONLY, s3(412, "PreconditionFailed")));
        assertInstanceOf(PreconditionFailedException.class,
                S3Errors.mapWrite("PutObject", "k", WriteOptions.Mode.IF_MATCH, s3(412, "PreconditionFailed")));
        // If-Match on a missing key answers 404 on AWS and S3Proxy: the expected version is gone
        assertInstanceOf(PreconditionFailedException.class,
                S3Errors.mapWrite("PutObject", "k", WriteOptions.Mode.IF_MATCH, s3(404, "NoSuchKey")));
        assertInstanceOf(NotFoundException.class,
                S3Errors.mapWrite("PutObject", "k", WriteOptions.Mode.OVERWRITE, s3(404, "NoSuchBucket")));
    }

    @Test
    void networkFailuresAreUnavailableAndWrappersAreSeenThrough() {
        assertInstanceOf(BackendUnavailableException.class, S3Errors.map("GetObject", "k",
                SdkClientException.create("Unable to execute HTTP request: Connection refused")));
        assertInstanceOf(BackendUnavailableException.class, S3Errors.map("GetObject", "k", new IOException("reset")));
        assertInstanceOf(PermissionDeniedException.class,
                S3Errors.map("GetObject", "k", new CompletionException(s3(403, "AccessDenied"))));
    }

    @Test
    void noCredentialsAnywhereIsPermissionDeniedNamingWhereTheyAreLookedFor() {
        // the SDK's own failure when its provider chain finds nothing: not transient, so not "unavailable"
        RuntimeException sdk = assertThrowsAny(() -> software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain
                .of(software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                        .profileFile(software.amazon.awssdk.profiles.ProfileFile.builder()
                                .content(new java.io.ByteArrayInputStream(new byte[0]))
                                .type(software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS).build())
                        .profileName("rs-none").build())
                .resolveCredentials());
        RemoteStoreException mapped = S3Errors.map("PutObject", "a/b", sdk);
        assertInstanceOf(PermissionDeniedException.class, mapped);
        assertTrue(mapped.getMessage().contains("AWS_ACCESS_KEY_ID"), mapped.getMessage());
    }

    private static RuntimeException assertThrowsAny(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing was thrown");
    }

    @Test
    void aRemoteStoreExceptionPassesUnchanged() {
        NotFoundException original = new NotFoundException("gone", "k");
        assertSame(original, S3Errors.map("GetObject", "k", original));
    }

    @Test
    void onlyConditionalRequestConflictIsRetried() {
        assertTrue(S3Errors.isConditionalConflict(s3(409, "ConditionalRequestConflict")));
        assertTrue(!S3Errors.isConditionalConflict(s3(409, "OperationAborted")));
    }
}
