package dev.remotestore.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns one run's results into ratios of medians, each against its baseline from the same run.
 * Overhead benchmarks ({@code variant} = store against nio/raw) give cost = store time / baseline
 * time (1.00 = free; the target is at most 1.05 on 256 MiB transfers and 1.10 on small
 * operations). Hybrid benchmarks give speed-ups (above 1 = faster): s3-crt over the s3 store, and
 * over {@code sdk-default} (the sync client as it comes: one PutObject, 100-continue), which is
 * the baseline PERFORMANCE.md's targets are stated against; and the s3 store over sdk-default.
 */
final class RatioTable {
    private RatioTable() {
    }

    private record Key(String benchmark, String params) {
    }

    static String render(Collection<RunResult> results) {
        Map<Key, Map<String, Double>> medians = new TreeMap<>((a, b) -> {
            int c = a.benchmark().compareTo(b.benchmark());
            return c != 0 ? c : a.params().compareTo(b.params());
        });
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            Map<String, String> others = new TreeMap<>();
            for (String k : p.getParamsKeys()) {
                if (!k.equals("variant")) {
                    others.put(k, p.getParam(k));
                }
            }
            String params = others.isEmpty() ? "" : others.toString().replaceAll("[{}]", "");
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1)
                    .replace("Benchmark.", ".");
            medians.computeIfAbsent(new Key(name, params), k -> new LinkedHashMap<>())
                    .put(p.getParam("variant"), r.getPrimaryResult().getStatistics().getPercentile(50));
        }
        List<String> rows = new ArrayList<>();
        rows.add("| benchmark | params | ratio | what the ratio is | target | met |");
        rows.add("|---|---|---|---|---|---|");
        for (var e : medians.entrySet()) {
            Map<String, Double> m = e.getValue();
            String bench = e.getKey().benchmark();
            String params = e.getKey().params();
            if (m.containsKey("sdk")) {
                streamingRows(bench, params, m, rows);
            } else if (m.containsKey("s3") && m.containsKey("s3-crt")) {
                double speedup = m.get("s3") / m.get("s3-crt");
                rows.add(row(bench, params, speedup, "s3-crt speed-up over the s3 store", "report", "–"));
                if (m.containsKey("sdk-default")) {
                    double overSdk = m.get("sdk-default") / m.get("s3-crt");
                    Double target = hybridTarget(bench, params);
                    rows.add(row(bench, params, overSdk, "s3-crt speed-up over the SDK-default sync client",
                            target == null ? "report" : "≥ " + fmt(target),
                            target == null ? "–" : overSdk >= target ? "yes" : "no"));
                    double s3OverSdk = m.get("sdk-default") / m.get("s3");
                    rows.add(row(bench, params, s3OverSdk, "s3 store speed-up over the SDK-default sync client", "report", "–"));
                }
            } else if (m.containsKey("tm")) {
                // FileTransferBenchmark (issue 16): time / the TransferManager's time on the CRT client
                double tm = m.get("tm");
                for (String v : List.of("s3-crt-file", "s3-file", "s3-crt-stream", "s3-stream")) {
                    if (m.containsKey(v)) {
                        double cost = m.get(v) / tm;
                        boolean judged = v.equals("s3-crt-file");
                        rows.add(row(bench, params, cost, v + " time / TransferManager (CRT) time",
                                judged ? "≤ 1.05" : "report", judged ? (cost <= 1.05 ? "yes" : "no") : "–"));
                    }
                }
            } else if (m.containsKey("off")) {
                // ObservabilityBenchmark: issue 15's targets for metrics on, ≤ 3% on s3, ≤ 10% on memory
                double target = params.contains("backend=s3") ? 1.03 : 1.10;
                for (String v : List.of("metrics", "metrics-tracing")) {
                    if (m.containsKey(v)) {
                        double cost = m.get(v) / m.get("off");
                        boolean judged = v.equals("metrics");
                        rows.add(row(bench, params, cost, "time with " + v + " / time with observability off",
                                judged ? "≤ " + fmt(target) : "report", judged ? (cost <= target ? "yes" : "no") : "–"));
                    }
                }
            } else {
                Double base = m.containsKey("nio") ? m.get("nio") : m.get("raw");
                Double store = m.get("store");
                if (base == null || store == null) {
                    continue;
                }
                double cost = store / base;
                double target = bench.contains("256MiB") ? 1.05 : 1.10;
                rows.add(row(bench, params, cost, "Store time / " + (m.containsKey("nio") ? "nio" : "raw SDK") + " time",
                        "≤ " + fmt(target), cost <= target ? "yes" : "no"));
                if (m.containsKey("nio-atomic")) {
                    double atomicCost = store / m.get("nio-atomic");
                    rows.add(row(bench, params, atomicCost, "Store time / nio temp-file + atomic-rename time",
                            "≤ " + fmt(target), atomicCost <= target ? "yes" : "no"));
                }
            }
        }
        return String.join("\n", rows) + "\n";
    }

    /**
     * Streaming{Write,Read}Benchmark (issue 18): every variant's speed-up over the sync SDK
     * ({@code sdk}); judged: a write through s3-crt ≥ 6× and s3 ≥ 4×, a read through s3-crt ≥ 6.3×,
     * and the s3 store's read within 5% of the raw client it wraps (time ratio ≤ 1.05).
     */
    private static void streamingRows(String bench, String params, Map<String, Double> m, List<String> rows) {
        boolean write = bench.contains("put");
        for (var v : m.entrySet()) {
            if (v.getKey().equals("sdk")) {
                continue;
            }
            double speedup = m.get("sdk") / v.getValue();
            Double target = switch (v.getKey()) {
                case "s3-crt" -> write ? 6.0 : 6.3;
                case "s3" -> write ? 4.0 : null;
                default -> null;
            };
            rows.add(row(bench, params, speedup, v.getKey() + " speed-up over the sync SDK",
                    target == null ? "report" : "≥ " + fmt(target), target == null ? "–" : speedup >= target ? "yes" : "no"));
        }
        if (!write && m.containsKey("s3")) {
            double cost = m.get("s3") / m.get("sdk");
            rows.add(row(bench, params, cost, "s3 store time / raw sync client time", "≤ 1.05", cost <= 1.05 ? "yes" : "no"));
        }
    }

    /** PERFORMANCE.md's targets for the shaped link; loopback figures are reported, not judged. */
    private static Double hybridTarget(String bench, String params) {
        if (!params.contains("link=shaped")) {
            return null;
        }
        if (bench.endsWith("get256MiB")) {
            return 7.5;
        }
        if (bench.endsWith("put256MiB")) {
            return 6.0;
        }
        if (bench.endsWith(".get")) {
            return 1.0;
        }
        if (bench.endsWith(".put") && !params.contains("size=1048576")) {
            return 2.0;
        }
        return null;
    }

    private static String row(String bench, String params, double ratio, String what, String target, String met) {
        return "| " + bench + " | " + params + " | " + fmt(ratio) + " | " + what + " | " + target + " | " + met + " |";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
