package dev.remotestore.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON file with a remote-store block, for STORE:path targets (default: application.conf / -Dconfig.file, if any)")
    Path config;

    @Option(names = "--json", description = "Print results as JSON, one object per line")
    boolean json;

    @Option(names = "--progress", negatable = true,
            description = "Draw a progress bar on stderr; default: only when stderr is a terminal")
    Boolean progress;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Show the libraries' log lines at this level on stderr (default OFF): ERROR, WARN, INFO, DEBUG")
    String logLevel;
}
