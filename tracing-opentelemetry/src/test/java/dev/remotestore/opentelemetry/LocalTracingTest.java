package dev.remotestore.opentelemetry;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Spans on {@code type = local}. */
class LocalTracingTest extends TracingContract {
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
