package dev.remotestore.gcs;

import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.cloud.ServiceOptions;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.StorageOptions;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP transport options of the clients this backend builds: the client's defaults (its
 * transport factory, so TLS and proxies are as they would be, and its timeouts), plus an execute
 * interceptor that counts the body of a resumable upload's {@code PUT} as it is written to the
 * connection, for the {@link GcsUploadProgress} the current thread runs. Every other request, and
 * every request on a thread that runs no file upload, passes unchanged (adr/0055).
 *
 * <p>Why an interceptor and not a wrapping {@code HttpTransport}: a transport can only hand out
 * requests through its protected {@code buildRequest}, which a wrapper in another package cannot
 * call on the transport it wraps. The request initializer is the client's public hook that sees
 * every request before it goes out, with its content and {@code Content-Range}.
 */
final class GcsCountingTransportOptions extends HttpTransportOptions {
    private static final long serialVersionUID = 1L;
    /** A {@code PUT} that carries bytes of the file from this offset; not the status query {@code bytes *}{@code /N}. */
    private static final Pattern BYTE_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(?:\\d+|\\*)");

    GcsCountingTransportOptions() {
        super(StorageOptions.getDefaultHttpTransportOptions().toBuilder());
    }

    @Override
    public HttpRequestInitializer getHttpRequestInitializer(ServiceOptions<?, ?> serviceOptions) {
        HttpRequestInitializer defaults = super.getHttpRequestInitializer(serviceOptions);
        return request -> {
            defaults.initialize(request);
            request.setInterceptor(new Counting(request.getInterceptor()));
        };
    }

    /** Runs the interceptor it replaces (credentials), then counts an upload's body on this thread. */
    private record Counting(HttpExecuteInterceptor next) implements HttpExecuteInterceptor {
        @Override
        public void intercept(HttpRequest request) throws IOException {
            if (next != null) {
                next.intercept(request);
            }
            HttpContent content = request.getContent();
            // Executed once per attempt; the same request retried by the HTTP client keeps its wrapper.
            if (content == null || content instanceof CountedContent || !"PUT".equals(request.getRequestMethod())) {
                return;
            }
            GcsUploadProgress upload = GcsUploadProgress.current(); // read here, on the uploading thread
            if (upload == null) {
                return;
            }
            Matcher range = BYTE_RANGE.matcher(String.valueOf(request.getHeaders().getContentRange()));
            if (range.matches()) {
                request.setContent(new CountedContent(content, Long.parseLong(range.group(1)), upload));
            }
        }
    }

    /** The client's content, unchanged, written through a {@link CountingStream}. */
    private record CountedContent(HttpContent content, long offset, GcsUploadProgress upload) implements HttpContent {
        @Override
        public long getLength() throws IOException {
            return content.getLength();
        }

        @Override
        public String getType() {
            return content.getType();
        }

        @Override
        public boolean retrySupported() {
            return content.retrySupported();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            content.writeTo(new CountingStream(out, offset, upload));
        }
    }

    /** Tells the upload how far into the file each write reached, after the connection took it. */
    private static final class CountingStream extends FilterOutputStream {
        private final GcsUploadProgress upload;
        private long position;

        CountingStream(OutputStream out, long offset, GcsUploadProgress upload) {
            super(out);
            this.position = offset;
            this.upload = upload;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            upload.reached(++position);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
            upload.reached(position);
        }
    }
}
