package dev.remotestore.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.s3.S3ProxyServer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spans on {@code type = s3} against S3Proxy in this JVM, and the SDK's request spans nested
 * under them: {@link SdkRequestSpans} stands in for OpenTelemetry's AWS SDK instrumentation (a
 * global execution interceptor that parents its span on the current context, as that
 * instrumentation does), since that artifact is not on this machine's Maven mirror.
 */
class S3ProxyTracingTest extends TracingContract {
    @Override
    protected String backendBlock() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return "type = s3, bucket = " + s3.bucket() + ", region = " + S3ProxyServer.REGION
                + ", endpoint = \"" + s3.endpoint() + "\", path-style = true"
                + ", credentials { access-key-id = " + S3ProxyServer.ACCESS_KEY
                + ", secret-access-key = " + S3ProxyServer.SECRET_KEY + " }";
    }

    @Override
    protected String backendType() {
        return "s3";
    }

    @Test
    void sdkRequestSpansNestUnderTheOperationSpan() {
        SdkRequestSpans.tracer = otel.getTracer("fake-aws-sdk-instrumentation");
        try (Registry registry = registry("")) {
            Store store = registry.getStore("data");
            store.write("n.bin", new byte[64]);
            store.getFileInfo("n.bin");
        } finally {
            SdkRequestSpans.tracer = null;
        }
        List<SpanData> all = exporter.getFinishedSpanItems();
        List<SpanData> ops = storeSpans();
        List<SpanData> requests = all.stream().filter(s -> s.getName().startsWith("S3.")).toList();
        assertEquals(List.of("write data", "get_file_info data"), ops.stream().map(SpanData::getName).toList());
        assertFalse(requests.isEmpty(), "the SDK ran its interceptor");
        SpanData put = requests.stream().filter(s -> s.getName().equals("S3.PutObjectRequest")).findFirst().orElseThrow();
        SpanData head = requests.stream().filter(s -> s.getName().equals("S3.HeadObjectRequest")).findFirst().orElseThrow();
        assertEquals(ops.get(0).getSpanId(), put.getParentSpanId(), "PutObject under write");
        assertEquals(ops.get(1).getSpanId(), head.getParentSpanId(), "HeadObject under get_file_info");
        assertEquals(ops.get(0).getTraceId(), put.getTraceId());
    }
}
