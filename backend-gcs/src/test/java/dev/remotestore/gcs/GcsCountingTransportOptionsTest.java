package dev.remotestore.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The counting interceptor on its own, over a transport that writes each request's body as a
 * connection would: which requests it counts (an upload {@code PUT} with a byte range, on a thread
 * running a file upload) and from which offset, and that it leaves every other request's content
 * as it was. The upload through the real client is checked in {@code GcsWireFileTransferTest}.
 */
class GcsCountingTransportOptionsTest {
    private static final GenericUrl SESSION = new GenericUrl("http://127.0.0.1:1/upload/storage/v1/b/b/o?upload_id=s");

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final HttpRequestFactory requests = new WritingTransport(wire).createRequestFactory(
            new GcsCountingTransportOptions().getHttpRequestInitializer(StorageOptions.http()
                    .setProjectId("p").setCredentials(NoCredentials.getInstance()).build()));

    @Test
    void aPutResentFromAnOffsetCountsFromThatOffset() throws Exception {
        List<Long> increments = new CopyOnWriteArrayList<>();
        try (GcsUploadProgress upload = GcsUploadProgress.start(3000, increments::add)) {
            execute("PUT", "bytes 1000-1999/3000", new byte[1000]);
        }
        assertEquals(1000, wire.size(), "the body went out unchanged");
        assertEquals(2000, increments.stream().mapToLong(Long::longValue).sum(), "offset 1000 + 1000 bytes: " + increments);
    }

    @Test
    void theLastByteWaitsForTheConfirmation() throws Exception {
        List<Long> increments = new CopyOnWriteArrayList<>();
        try (GcsUploadProgress upload = GcsUploadProgress.start(3000, increments::add)) {
            execute("PUT", "bytes 0-2999/3000", new byte[3000]);
            assertEquals(2999, increments.stream().mapToLong(Long::longValue).sum());
            execute("PUT", "bytes 0-2999/3000", new byte[3000]); // resent from the start: nothing new
            assertEquals(2999, increments.stream().mapToLong(Long::longValue).sum());
            upload.confirmed();
        }
        assertEquals(3000, increments.stream().mapToLong(Long::longValue).sum());
        assertTrue(increments.stream().allMatch(n -> n > 0), increments.toString());
    }

    @Test
    void otherRequestsAndOtherThreadsPassUncounted() throws Exception {
        List<Long> increments = new CopyOnWriteArrayList<>();
        HttpContent plain = execute("PUT", "bytes 0-9/10", new byte[10]); // no upload on this thread
        assertTrue(plain instanceof ByteArrayContent, "content left as it was: " + plain);
        try (GcsUploadProgress upload = GcsUploadProgress.start(3000, increments::add)) {
            assertTrue(execute("POST", null, new byte[50]) instanceof ByteArrayContent, "a session start is not counted");
            assertTrue(execute("PUT", "bytes */3000", new byte[0]) instanceof ByteArrayContent, "a status query is not counted");
            Thread other = new Thread(() -> {
                try {
                    assertTrue(execute("PUT", "bytes 0-9/10", new byte[10]) instanceof ByteArrayContent);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            other.start();
            other.join();
        }
        assertEquals(List.of(), increments);
        assertSame(null, GcsUploadProgress.current(), "the upload is unbound from the thread when closed");
    }

    /** Executes a request and returns the content it went out with. */
    private HttpContent execute(String method, String contentRange, byte[] body) throws IOException {
        HttpRequest request = requests.buildRequest(method, SESSION, new ByteArrayContent("application/octet-stream", body));
        if (contentRange != null) {
            request.getHeaders().setContentRange(contentRange);
        }
        request.execute().ignore();
        return request.getContent();
    }

    /** Writes every request's body to {@code wire}, as a connection would, and answers 200. */
    private static final class WritingTransport extends MockHttpTransport {
        private final ByteArrayOutputStream wire;

        WritingTransport(ByteArrayOutputStream wire) {
            this.wire = wire;
        }

        @Override
        public LowLevelHttpRequest buildRequest(String method, String url) {
            return new MockLowLevelHttpRequest(url) {
                @Override
                public LowLevelHttpResponse execute() throws IOException {
                    if (getStreamingContent() != null) {
                        getStreamingContent().writeTo(wire);
                    }
                    return new MockLowLevelHttpResponse();
                }
            };
        }
    }
}
