package dev.remotestore.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.remotestore.ConsoleProgress;
import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.StoreLocation;
import dev.remotestore.TransferListener;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One run of a command: its options, the registry (built on first use, from {@code --config} or
 * else from {@code ConfigFactory.load()} when that holds a {@code remote-store} block, else
 * empty, for URLs and local paths only), and the output streams.
 */
final class Session implements AutoCloseable {
    private final CommonOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private Registry registry;

    Session(CommonOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    boolean json() {
        return options.json;
    }

    /** The progress bar on stderr when it is wanted (see {@link ProgressChoice}), else nothing. */
    TransferListener progress() {
        return ProgressChoice.show(options.progress) ? new ConsoleProgress(err) : TransferListener.none();
    }

    Registry registry() {
        if (registry == null) {
            registry = openRegistry();
        }
        return registry;
    }

    private Registry openRegistry() {
        if (options.config != null) {
            Config config;
            try {
                config = ConfigFactory.parseFile(options.config.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new UsageException("cannot read --config " + options.config + ": " + e.getMessage());
            }
            return Registry.fromConfig(config);
        }
        Config loaded = ConfigFactory.load();
        if (loaded.hasPath("remote-store")) {
            return Registry.load();
        }
        return Registry.of(RegistryConfig.builder().build());
    }

    /** Resolves a TARGET argument (see {@link TargetSyntax} for the rule). */
    Target resolve(String text) {
        TargetSyntax syntax;
        try {
            syntax = TargetSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return switch (syntax.kind()) {
            case STORE -> new Target(syntax, this, registry().getStore(syntax.storeName()), syntax.path(), null);
            case URL -> {
                StoreLocation at = registry().open(text);
                yield new Target(syntax, this, at.store(), at.path(), null);
            }
            case LOCAL -> local(syntax);
        };
    }

    Target local(TargetSyntax syntax) {
        Path file = Path.of(syntax.text()).toAbsolutePath().normalize();
        return new Target(syntax, this, null, null, file);
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
