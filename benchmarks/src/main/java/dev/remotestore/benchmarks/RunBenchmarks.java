package dev.remotestore.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark set that run.sh documents and writes {@code results.json} (JMH's JSON) and
 * {@code ratios.md} (each Store figure over its baseline of the same run) into {@code --out}.
 *
 * <pre>java -cp benchmarks.jar dev.remotestore.benchmarks.RunBenchmarks --out DIR --endpoint URL
 *     --shaped-endpoint URL [--local-dir DIR] [--quick] [--include REGEX]</pre>
 */
public final class RunBenchmarks {
    private RunBenchmarks() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path out = null;
        String endpoint = null;
        String shaped = null;
        String localDir = null;
        String include = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--endpoint" -> endpoint = args[++i];
                case "--shaped-endpoint" -> shaped = args[++i];
                case "--local-dir" -> localDir = args[++i];
                case "--include" -> include = args[++i];
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null || endpoint == null || shaped == null) {
            throw new IllegalArgumentException("--out, --endpoint and --shaped-endpoint are required");
        }
        Files.createDirectories(out);

        List<String> jvmArgs = new ArrayList<>(List.of("-Xms2g", "-Xmx2g",
                "-D" + BenchEnv.ENDPOINT_PROPERTY + "=" + endpoint,
                "-D" + BenchEnv.SHAPED_ENDPOINT_PROPERTY + "=" + shaped));
        if (localDir != null) {
            jvmArgs.add("-D" + BenchEnv.LOCAL_DIR_PROPERTY + "=" + localDir);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("results.json").toString())
                .shouldFailOnError(true);
        if (include != null) {
            options.include(include);
        } else {
            options.include(LocalOverheadBenchmark.class.getSimpleName())
                    .include(S3OverheadBenchmark.class.getSimpleName())
                    .include(S3DeleteBenchmark.class.getSimpleName())
                    .include(CrtOverheadBenchmark.class.getSimpleName())
                    .include(HybridLargeBenchmark.class.getSimpleName())
                    .include(HybridSmallBenchmark.class.getSimpleName())
                    .include(ObservabilityBenchmark.class.getSimpleName())
                    .include(StreamingWriteBenchmark.class.getSimpleName())
                    .include(StreamingReadBenchmark.class.getSimpleName());
        }
        if (quick) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        String table = RatioTable.render(results);
        Files.writeString(out.resolve("ratios.md"), table);
        System.out.println(table);
    }
}
