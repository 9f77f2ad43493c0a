package dev.remotestore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link FileTransferBenchmark}'s transfers in paired, interleaved rounds in one JVM: each round
 * runs every variant once per operation, in an order rotated from round to round, so that load
 * from elsewhere on a shared machine falls on all variants alike; each figure is the median over
 * the rounds, and each ratio the median of the per-round ratios to the TransferManager's time.
 * The first {@code --warmup} rounds (default 1) are not counted. Run by
 * {@code benchmarks/run.sh --file-transfers}.
 *
 * <pre>java -Xmx2g -cp benchmarks.jar dev.remotestore.benchmarks.FileTransferRounds --endpoint URL
 *     --shaped-endpoint URL --local-dir DIR --out DIR [--rounds 3] [--warmup 1] [--links loopback,shaped]</pre>
 */
public final class FileTransferRounds {
    private static final String[] DEFAULT_VARIANTS = {"tm", "tm-listener", "s3-crt-file", "s3-file", "s3-crt-stream", "s3-stream"};
    private static final String[] DEFAULT_OPERATIONS = {"upload1GiB", "download1GiB"};

    private FileTransferRounds() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        int rounds = 3;
        int warmups = 1;
        String[] links = {"loopback", "shaped"};
        String[] variants = DEFAULT_VARIANTS;
        String[] operations = DEFAULT_OPERATIONS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> System.setProperty(BenchEnv.ENDPOINT_PROPERTY, args[++i]);
                case "--shaped-endpoint" -> System.setProperty(BenchEnv.SHAPED_ENDPOINT_PROPERTY, args[++i]);
                case "--local-dir" -> System.setProperty(BenchEnv.LOCAL_DIR_PROPERTY, args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmups = Integer.parseInt(args[++i]);
                case "--links" -> links = args[++i].split(",");
                case "--variants" -> variants = args[++i].split(",");
                case "--operations" -> operations = args[++i].split(",");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        Files.createDirectories(out);
        List<String> rows = new ArrayList<>();
        rows.add("| link | operation | variant | median s | MiB/s | time / TransferManager time (median of rounds) | target |");
        rows.add("|---|---|---|---|---|---|---|");
        for (String link : links) {
            Map<String, FileTransferBenchmark> benches = new LinkedHashMap<>();
            for (String v : variants) {
                FileTransferBenchmark b = new FileTransferBenchmark();
                b.variant = v;
                b.link = link;
                b.setUp();
                benches.put(v, b);
            }
            try {
                for (String op : operations) {
                    Map<String, List<Double>> seconds = new LinkedHashMap<>();
                    Map<String, List<Double>> ratios = new LinkedHashMap<>();
                    for (int round = 0; round < warmups + rounds; round++) {
                        Map<String, Double> thisRound = new LinkedHashMap<>();
                        for (int k = 0; k < variants.length; k++) {
                            String v = variants[(k + round) % variants.length];
                            double s = time(benches.get(v), op);
                            thisRound.put(v, s);
                            System.out.printf(Locale.ROOT, "%s %s %s round %d: %.2f s%n", link, op, v, round, s);
                        }
                        if (round < warmups) {
                            continue;
                        }
                        for (var e : thisRound.entrySet()) {
                            seconds.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(e.getValue());
                            ratios.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(e.getValue() / thisRound.get("tm"));
                        }
                    }
                    for (String v : variants) {
                        double median = median(seconds.get(v));
                        double ratio = median(ratios.get(v));
                        String target = v.equals("s3-crt-file") ? (ratio <= 1.05 ? "≤ 1.05: yes" : "≤ 1.05: no") : "report";
                        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.0f | %.2f (rounds: %s) | %s |", link, op, v,
                                median, 1024 / median, ratio, fmt(ratios.get(v)), target));
                    }
                }
            } finally {
                for (FileTransferBenchmark b : benches.values()) {
                    b.tearDown();
                }
            }
        }
        String table = String.join("\n", rows) + "\n";
        Files.writeString(out.resolve("file-transfers.md"), table);
        System.out.println(table);
    }

    private static double time(FileTransferBenchmark b, String op) throws IOException {
        long t0 = System.nanoTime();
        if (op.equals("upload1GiB")) {
            b.upload1GiB();
        } else {
            b.download1GiB();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        b.removeResult(op); // untimed: every transfer starts with its target absent, and tmpfs stays small
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> values) {
        List<String> s = new ArrayList<>();
        for (double v : values) {
            s.add(String.format(Locale.ROOT, "%.2f", v));
        }
        return String.join(", ", s);
    }
}
