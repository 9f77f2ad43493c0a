package dev.remotestore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservedQuickstartTest {

    @Test
    void printsPrometheusMetricsOfTheQuickstartAndNestsItsSpansUnderTheJob(@TempDir Path dir) {
        String hocon = "remote-store { backends { scratch { type = local, root = \"" + dir.toString().replace("\\", "/")
                + "\" } }, stores { data { backend = scratch, root-path = example } } }";
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        // run() shuts its exporter down at the end, and the in-memory one forgets its spans then
        SpanExporter keeping = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                return spans.export(batch);
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        String prometheus = ObservedQuickstart.run(ConfigFactory.parseString(hocon), keeping,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // The quickstart writes 3 files create-only, then overwrites one and streams one: 5 successful writes,
        // and one create-only write refused.
        assertEquals(5, count(prometheus, "write", "success"), prometheus);
        assertEquals(1, count(prometheus, "write", "AlreadyExistsException"), prometheus);
        assertTrue(prometheus.contains("remote_store_bytes_total{backend=\"local\",direction=\"read\",store=\"data\"}"), prometheus);
        assertTrue(prometheus.contains("remote_store_operations_active{backend=\"local\",store=\"data\"} 0"), prometheus);

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData job = finished.stream().filter(s -> s.getName().equals("quickstart")).findFirst().orElseThrow();
        List<SpanData> ops = finished.stream().filter(s -> s != job).toList();
        assertTrue(ops.size() >= 10, "a span per store operation: " + ops.size());
        assertTrue(ops.stream().allMatch(s -> s.getParentSpanId().equals(job.getSpanId())), "all under the job span");
    }

    private static long count(String prometheus, String operation, String outcome) {
        Matcher m = Pattern.compile("remote_store_operation_seconds_count\\{backend=\"local\",operation=\"" + operation
                + "\",outcome=\"" + outcome + "\",store=\"data\"} ([0-9.]+)").matcher(prometheus);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }
}
