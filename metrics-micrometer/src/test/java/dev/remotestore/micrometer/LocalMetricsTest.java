package dev.remotestore.micrometer;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Metrics on {@code type = local}. */
class LocalMetricsTest extends MetricsContract {
    @TempDir
    static Path dir;

    @Override
    protected String backendBlock() {
        return "type = local, root = \"" + dir.toString().replace("\\", "/") + "\"";
    }

    @Override
    protected String backendType() {
        return "local";
    }
}
