package dev.remotestore;

import com.typesafe.config.Config;
import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.OperationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Registry} from a configuration plus what cannot be written in HOCON: the
 * observability modules' instances (a Micrometer {@code MeterRegistry}, an {@code OpenTelemetry})
 * and listeners of the user's own. Mutable, not thread-safe; {@link #build()} may be called once
 * per registry wanted.
 *
 * <pre>{@code
 * Registry registry = Registry.builder()
 *         .config(ConfigFactory.load())
 *         .observability(MicrometerObservability.with(meterRegistry))
 *         .observability(OpenTelemetryObservability.with(openTelemetry))
 *         .build();
 * }</pre>
 */
public final class RegistryBuilder {
    private RegistryConfig config;
    private UrlConfig urlConfig = UrlConfig.none(null);
    private final List<ListenerProvider> providers = new ArrayList<>();
    private final List<OperationListener> listeners = new ArrayList<>();
    private ClassLoader loader;

    RegistryBuilder() {
    }

    /**
     * The {@code remote-store} block of {@code config}. Its structure (and the observability
     * block) is checked here; backend options against their type's schema at {@link #build()}.
     *
     * @throws InvalidConfigException if the block is missing or malformed
     */
    public RegistryBuilder config(Config config) {
        Objects.requireNonNull(config, "config is null");
        UrlConfig urls = UrlConfig.extract(config);
        this.config = RegistryConfig.fromConfig(urls.remainder());
        this.urlConfig = urls;
        return this;
    }

    /** A configuration built in code. */
    public RegistryBuilder config(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.urlConfig = UrlConfig.none(null);
        return this;
    }

    /**
     * An observability module's provider given in code; it replaces the one of the same
     * {@link ListenerProvider#feature() feature} found on the class path. The
     * {@code remote-store.observability} switches still apply to it.
     */
    public RegistryBuilder observability(ListenerProvider provider) {
        providers.add(Objects.requireNonNull(provider, "provider is null"));
        return this;
    }

    /** A listener of the user's own; it sees every operation of every store, whatever the switches. */
    public RegistryBuilder listener(OperationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener is null"));
        return this;
    }

    /** Where backend and listener providers are looked up; the thread's context class loader if unset. */
    public RegistryBuilder classLoader(ClassLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader is null");
        return this;
    }

    /**
     * The registry, with its whole configuration validated.
     *
     * @throws InvalidConfigException if the configuration is wrong
     * @throws IllegalStateException if no configuration was given
     */
    public Registry build() {
        if (config == null) {
            throw new IllegalStateException("no configuration: call config(...) first");
        }
        ClassLoader l = loader;
        if (l == null) {
            l = Thread.currentThread().getContextClassLoader();
        }
        if (l == null) {
            l = Registry.class.getClassLoader();
        }
        return Registry.create(config, urlConfig, BackendCatalog.discover(l),
                ListenerAssembly.assemble(config.observability(), providers, listeners, l));
    }
}
