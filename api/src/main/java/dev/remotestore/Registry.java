package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigOrigins;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Named stores over named backends, from HOCON or code. Thread-safe.
 *
 * <p>The whole configuration is validated when the registry is built: unknown backend types and
 * keys, wrong value types, missing required keys and stores naming missing backends all raise
 * {@link InvalidConfigException} here, not at first use. Each backend is created lazily, exactly
 * once, on the first {@link #getStore} that needs it, and shared by every store that names it.
 * {@link #close()} closes every backend created.
 *
 * <pre>{@code
 * try (Registry registry = Registry.load()) {
 *     Store store = registry.getStore("data");
 *     store.write("reports/q1.csv", bytes);
 * }
 * }</pre>
 */
public final class Registry implements AutoCloseable {
    private final Map<String, BackendHandle> backends;
    private final Map<String, StoreProfile> stores;
    /** Per store name: its listeners, bound once; absent when none observes it (ADR 0031). */
    private final Map<String, OperationObserver> observers = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    Registry(RegistryConfig config, BackendCatalog catalog, List<OperationListener> listeners) {
        Map<String, BackendHandle> handles = new LinkedHashMap<>();
        for (BackendConfig b : config.backends().values()) {
            BackendProvider provider = catalog.require(b.type(), b.keyPath() + ".type", b.origin());
            BackendSettings settings = BackendSettings.validate(b.name(), b.type(), b.keyPath(), b.options(), provider.schema());
            provider.validate(settings);
            handles.put(b.name(), new BackendHandle(provider, settings));
        }
        for (StoreProfile s : config.stores().values()) {
            String key = RegistryConfig.ROOT + ".stores." + s.name();
            if (!handles.containsKey(s.backend())) {
                throw new InvalidConfigException(key + ".backend", s.origin(), "names backend '" + s.backend()
                        + "', which is not defined; defined backends: " + String.join(", ", handles.keySet()));
            }
            try {
                StorePaths.normalize(s.rootPath());
            } catch (IllegalPathException e) {
                throw new InvalidConfigException(key + ".root-path", s.origin(), "not a valid path: " + e.detail());
            }
        }
        this.backends = Collections.unmodifiableMap(handles);
        this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(config.stores()));
        if (!listeners.isEmpty()) {
            for (StoreProfile s : stores.values()) {
                OperationObserver observer = OperationObserver.bind(listeners, s.name(), config.backends().get(s.backend()).type());
                if (observer != null) {
                    observers.put(s.name(), observer);
                }
            }
        }
    }

    /**
     * A builder for a registry that also takes what HOCON cannot hold: observability instances
     * (a {@code MeterRegistry}, an {@code OpenTelemetry}) and listeners of the user's own.
     */
    public static RegistryBuilder builder() {
        return new RegistryBuilder();
    }

    /** From the {@code remote-store} block of {@code ConfigFactory.load()} (application.conf, system properties). */
    public static Registry load() {
        return fromConfig(ConfigFactory.load());
    }

    /** From the {@code remote-store} block of {@code config}. */
    public static Registry fromConfig(Config config) {
        return of(RegistryConfig.fromConfig(config));
    }

    /** From HOCON text holding a {@code remote-store} block. */
    public static Registry fromHocon(String hocon) {
        Objects.requireNonNull(hocon, "hocon is null");
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(hocon);
        } catch (ConfigException e) {
            String origin = e.origin() == null ? null : ConfigOrigins.describe(e.origin());
            throw new InvalidConfigException(RegistryConfig.ROOT, origin, "HOCON does not parse: " + e.getMessage(), e);
        }
        return fromConfig(parsed);
    }

    /** From a configuration built in code. */
    public static Registry of(RegistryConfig config) {
        Objects.requireNonNull(config, "config is null");
        return builder().config(config).build();
    }

    /**
     * The store named {@code name}, creating its backend on first use.
     *
     * @throws NotFoundException if no store has that name (the message lists the known names)
     * @throws StoreClosedException if the registry is closed
     */
    public Store getStore(String name) {
        Objects.requireNonNull(name, "name is null");
        if (closed.get()) {
            throw new StoreClosedException("the registry is closed; cannot get store '" + name + "'", null);
        }
        StoreProfile profile = stores.get(name);
        if (profile == null) {
            throw new NotFoundException("no store named '" + name + "'; known stores: "
                    + (stores.isEmpty() ? "(none)" : String.join(", ", stores.keySet())), null);
        }
        Backend backend = backends.get(profile.backend()).get();
        return new Store(name, backend, StorePaths.normalize(profile.rootPath()), closed::get, observers.get(name));
    }

    /** The configured store names, in definition order. */
    public Set<String> storeNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(stores.keySet()));
    }

    /**
     * Closes every backend this registry created, carrying on past failures and rethrowing the
     * first (later ones are suppressed into it). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException first = null;
        for (BackendHandle handle : backends.values()) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Registry{stores=" + stores.keySet() + ", backends=" + backends.keySet() + (closed.get() ? ", closed" : "") + '}';
    }
}
