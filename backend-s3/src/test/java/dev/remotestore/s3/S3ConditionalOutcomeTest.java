package dev.remotestore.s3;

import static dev.remotestore.s3.S3ConditionalOutcome.Verdict.REFUSED;
import static dev.remotestore.s3.S3ConditionalOutcome.Verdict.UNDECIDED;
import static dev.remotestore.s3.S3ConditionalOutcome.Verdict.WRITTEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The verdict table of {@link S3ConditionalOutcome}: what the object's state after a lost answer
 * says about a conditional write. S3ConditionalWriteLoserTest drives it against S3Proxy.
 */
class S3ConditionalOutcomeTest {
    static final String OURS = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"";
    static final String EXPECTED = "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"";
    static final String OTHER = "\"cccccccccccccccccccccccccccccccc\"";

    static Optional<HeadObjectResponse> object(String etag) {
        return Optional.of(HeadObjectResponse.builder().eTag(etag).build());
    }

    @Test
    void createOnly() {
        WriteOptions createOnly = WriteOptions.createOnly();
        assertEquals(UNDECIDED, S3ConditionalOutcome.judge(createOnly, Optional.empty(), OURS), "nothing there: send again");
        assertEquals(WRITTEN, S3ConditionalOutcome.judge(createOnly, object(OURS), OURS), "our bytes are there");
        assertEquals(REFUSED, S3ConditionalOutcome.judge(createOnly, object(OTHER), OURS), "someone else's file");
        assertEquals(REFUSED, S3ConditionalOutcome.judge(createOnly, object(OURS), null), "ours unknown: cannot claim it");
    }

    @Test
    void compareAndSwap() {
        WriteOptions ifMatch = WriteOptions.ifMatch(EXPECTED);
        assertEquals(UNDECIDED, S3ConditionalOutcome.judge(ifMatch, object(EXPECTED), OURS), "still the expected version");
        assertEquals(WRITTEN, S3ConditionalOutcome.judge(ifMatch, object(OURS), OURS));
        assertEquals(WRITTEN, S3ConditionalOutcome.judge(ifMatch, object(OURS.replace("\"", "")), OURS), "quotes do not matter");
        assertEquals(REFUSED, S3ConditionalOutcome.judge(ifMatch, object(OTHER), OURS), "another version");
        assertEquals(REFUSED, S3ConditionalOutcome.judge(ifMatch, Optional.empty(), OURS), "the file vanished");
    }

    static Optional<HeadObjectResponse> object(String etag, String token) {
        return Optional.of(HeadObjectResponse.builder().eTag(etag)
                .metadata(token == null ? java.util.Map.of() : java.util.Map.of(S3WriteToken.KEY, token)).build());
    }

    /**
     * With a write token (adr/0054) the token decides, not the ETag: equal bytes stored by
     * another writer carry our ETag but not our token, and a landed write under SSE-KMS carries
     * our token but an ETag that is no MD5.
     */
    @Test
    void theWriteTokenDecidesWhereTheEtagCannot() {
        WriteOptions ifMatch = S3WriteToken.stamp(WriteOptions.ifMatch(EXPECTED));
        WriteOptions createOnly = S3WriteToken.stamp(WriteOptions.createOnly());
        String token = S3WriteToken.of(ifMatch);
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertFalse(token.equals(S3WriteToken.of(createOnly)), "a fresh token per write");

        assertEquals(REFUSED, S3ConditionalOutcome.judge(ifMatch, object(OURS, null), OURS),
                "our bytes, someone else's write (a counter raised by another client to the same value)");
        assertEquals(REFUSED, S3ConditionalOutcome.judge(ifMatch, object(OURS, "other-token"), OURS));
        assertEquals(REFUSED, S3ConditionalOutcome.judge(createOnly, object(OURS, null), OURS));
        assertEquals(WRITTEN, S3ConditionalOutcome.judge(ifMatch, object(OTHER, token), OURS), "our token: ours, whatever the ETag");
        assertEquals(WRITTEN, S3ConditionalOutcome.judge(createOnly, object(OTHER, S3WriteToken.of(createOnly)), null));
        assertEquals(UNDECIDED, S3ConditionalOutcome.judge(ifMatch, object(EXPECTED, "other-token"), OURS),
                "still the expected version: send again");
        assertEquals(UNDECIDED, S3ConditionalOutcome.judge(createOnly, Optional.empty(), OURS));
    }

    @Test
    void theTokenIsStampedOnceOnlyOnConditionalWritesAndNeverShown() {
        WriteOptions stamped = S3WriteToken.stamp(WriteOptions.createOnly().withMetadata(java.util.Map.of("a", "1")));
        org.junit.jupiter.api.Assertions.assertSame(stamped, S3WriteToken.stamp(stamped), "a stamped write keeps its token");
        assertEquals("1", stamped.metadata().get("a"));
        WriteOptions overwrite = WriteOptions.overwrite();
        org.junit.jupiter.api.Assertions.assertSame(overwrite, S3WriteToken.stamp(overwrite));
        assertEquals(java.util.Map.of("a", "1"), S3WriteToken.visible(stamped.metadata()));
    }

    @Test
    void onlyMissingAnswersAreJudged() {
        assertTrue(S3ConditionalOutcome.isUnanswered(SdkClientException.create("Broken pipe", new IOException("Broken pipe"))));
        assertTrue(S3ConditionalOutcome.isUnanswered(s3(500)));
        assertTrue(S3ConditionalOutcome.isUnanswered(s3(503)));
        assertTrue(S3ConditionalOutcome.isUnanswered(new java.io.UncheckedIOException(new IOException("Truncated chunk"))),
                "an answer whose body broke off while being read is no answer");
        assertFalse(S3ConditionalOutcome.isUnanswered(new IllegalStateException("a bug")));
        assertFalse(S3ConditionalOutcome.isUnanswered(s3(412)), "a 412 is the server's answer");
        assertFalse(S3ConditionalOutcome.isUnanswered(s3(404)));
    }

    @Test
    void etagsOfWhatAWriteWouldCreate() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("\"900150983cd24fb0d6963f7d28e17f72\"", S3ConditionalOutcome.putEtag(abc, 3), "MD5 of abc");
        String one = "\"900150983cd24fb0d6963f7d28e17f72\"";
        String multipart = S3ConditionalOutcome.multipartEtag(List.of(
                CompletedPart.builder().partNumber(1).eTag(one).build(), CompletedPart.builder().partNumber(2).eTag(one).build()));
        assertTrue(multipart.matches("\"[0-9a-f]{32}-2\""), multipart);
        assertNull(S3ConditionalOutcome.multipartEtag(List.of(CompletedPart.builder().partNumber(1).eTag("\"kms-opaque\"").build())),
                "not an MD5: unknown");
    }

    static S3Exception s3(int status) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("X").build()).build();
    }
}
