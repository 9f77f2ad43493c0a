package dev.remotestore.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.NotFoundException;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of real operations on one backend, read back from an {@link InMemorySpanExporter}.
 * Subclasses give the backend block.
 */
abstract class TracingContract {
    protected InMemorySpanExporter exporter;
    protected OpenTelemetrySdk otel;
    protected Tracer callerTracer;
    protected String root;

    protected abstract String backendBlock();

    protected abstract String backendType();

    @BeforeEach
    void startSdk() {
        exporter = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .build();
        callerTracer = otel.getTracer("the-application");
        root = "t-" + UUID.randomUUID();
    }

    @AfterEach
    void stopSdk() {
        otel.close();
    }

    protected Registry registry(String observability) {
        String hocon = "remote-store { backends { b { " + backendBlock() + " } }\n"
                + " stores { data { backend = b, root-path = \"" + root + "\" } }\n"
                + " observability { " + observability + " } }";
        return Registry.builder().config(ConfigFactory.parseString(hocon))
                .observability(OpenTelemetryObservability.with(otel)).build();
    }

    protected List<SpanData> storeSpans() {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getInstrumentationScopeInfo().getName().equals(SpanAttributes.INSTRUMENTATION_SCOPE))
                .toList();
    }

    @Test
    void eachOperationIsASpanWithStoreBackendOperationBytesAndOutcome() {
        try (Registry registry = registry("")) {
            Store store = registry.getStore("data");
            store.write("a/file.txt", new byte[2048]);
            store.readBytes("a/file.txt");
        }
        List<SpanData> spans = storeSpans();
        assertEquals(List.of("write data", "read data"), spans.stream().map(SpanData::getName).toList());
        for (SpanData s : spans) {
            assertEquals(SpanKind.INTERNAL, s.getKind());
            assertEquals("data", s.getAttributes().get(SpanAttributes.STORE));
            assertEquals(backendType(), s.getAttributes().get(SpanAttributes.BACKEND));
            assertEquals(2048L, s.getAttributes().get(SpanAttributes.BYTES));
            assertEquals("success", s.getAttributes().get(SpanAttributes.OUTCOME));
            assertNull(s.getAttributes().get(SpanAttributes.PATH), "no path unless record-paths = true");
            assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
        }
        assertEquals("write", spans.get(0).getAttributes().get(SpanAttributes.OPERATION));
        assertEquals("read", spans.get(1).getAttributes().get(SpanAttributes.OPERATION));
    }

    @Test
    void spansAreChildrenOfTheCallersCurrentSpan() {
        Span parent = callerTracer.spanBuilder("job").startSpan();
        try (Registry registry = registry("")) {
            Store store = registry.getStore("data");
            try (Scope ignored = parent.makeCurrent()) {
                store.write("p.bin", new byte[10]);
                assertTrue(store.exists("p.bin"));
            }
            store.deleteIfExists("p.bin"); // outside the caller's span: a root
        } finally {
            parent.end();
        }
        List<SpanData> spans = storeSpans();
        assertEquals(3, spans.size());
        for (SpanData child : spans.subList(0, 2)) {
            assertEquals(parent.getSpanContext().getTraceId(), child.getTraceId());
            assertEquals(parent.getSpanContext().getSpanId(), child.getParentSpanId(), child.getName());
        }
        assertFalse(spans.get(2).getParentSpanContext().isValid(), "no caller span: a root span");
    }

    @Test
    void failuresSetErrorStatusAndTypeButNoMessageWithoutRecordPaths() {
        try (Registry registry = registry("")) {
            assertThrows(NotFoundException.class, () -> registry.getStore("data").readBytes("nope/missing-4d2.bin"));
        }
        SpanData s = storeSpans().get(0);
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals("NotFoundException", s.getStatus().getDescription());
        assertEquals("NotFoundException", s.getAttributes().get(SpanAttributes.ERROR_TYPE));
        assertEquals("NotFoundException", s.getAttributes().get(SpanAttributes.OUTCOME));
        assertTrue(s.getEvents().isEmpty(), "no exception event: its message names the path");
        assertFalse(s.toString().contains("missing-4d2"), "the path appears nowhere in the span");
    }

    @Test
    void recordPathsAddsThePathAndTheExceptionEvent() {
        try (Registry registry = registry("record-paths = true")) {
            Store store = registry.getStore("data");
            store.write("dir/x.txt", new byte[1]);
            assertThrows(NotFoundException.class, () -> store.getFileInfo("dir/none.txt"));
        }
        List<SpanData> spans = storeSpans();
        assertEquals("dir/x.txt", spans.get(0).getAttributes().get(SpanAttributes.PATH));
        assertEquals("dir/none.txt", spans.get(1).getAttributes().get(SpanAttributes.PATH));
        assertEquals("exception", spans.get(1).getEvents().get(0).getName());
    }

    @Test
    void aStreamSpanEndsWhenTheStreamIsClosed() throws Exception {
        try (Registry registry = registry("")) {
            Store store = registry.getStore("data");
            store.write("s.bin", new byte[700]);
            exporter.reset();
            try (InputStream in = store.read("s.bin")) {
                in.readAllBytes();
                assertTrue(storeSpans().isEmpty(), "still open: not ended");
            }
        }
        assertEquals(700L, storeSpans().get(0).getAttributes().get(SpanAttributes.BYTES));
    }

    @Test
    void tracingOffMeansNoSpans() {
        try (Registry registry = registry("tracing = off")) {
            registry.getStore("data").write("f", new byte[1]);
        }
        assertTrue(storeSpans().isEmpty());
    }
}
