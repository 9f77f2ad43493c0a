package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigOrigins;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final AtomicBoolean closed = new AtomicBoolean();
    private final UrlStores urls;
    private final Map<String, UrlConfig.UrlStore> urlStores;

    private Registry(RegistryConfig config, BackendCatalog catalog, UrlConfig urlConfig) {
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
        this.urls = new UrlStores(catalog, UrlStores.defaultLoader(), System::getenv, urlConfig.defaults(), closed::get);
        this.urlStores = urlConfig.stores();
        urlStores.values().forEach(urls::check);
    }

    /** From the {@code remote-store} block of {@code ConfigFactory.load()} (application.conf, system properties). */
    public static Registry load() {
        return fromConfig(ConfigFactory.load());
    }

    /** From the {@code remote-store} block of {@code config}. */
    public static Registry fromConfig(Config config) {
        Objects.requireNonNull(config, "config is null");
        UrlConfig urlConfig = UrlConfig.extract(config);
        return create(RegistryConfig.fromConfig(urlConfig.remainder()), urlConfig);
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
        return create(config, UrlConfig.none(null));
    }

    private static Registry create(RegistryConfig config, UrlConfig urlConfig) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new Registry(config, BackendCatalog.discover(loader != null ? loader : Registry.class.getClassLoader()), urlConfig);
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
        if (profile == null && urlStores.containsKey(name)) {
            return urls.named(urlStores.get(name));
        }
        if (profile == null) {
            throw new NotFoundException("no store named '" + name + "'; known stores: "
                    + (storeNames().isEmpty() ? "(none)" : String.join(", ", storeNames())), null);
        }
        Backend backend = backends.get(profile.backend()).get();
        return new Store(name, backend, StorePaths.normalize(profile.rootPath()), closed::get);
    }

    /**
     * Opens the file or folder a URL names ({@code s3://bucket/key}, {@code gs://}, {@code az://},
     * {@code file://}, {@code memory://}, the clouds' https forms, or a plain local path; see
     * {@link StoreUrl}): a store rooted at the URL's folder and the path in it. Credentials and
     * endpoints come from each cloud's environment conventions (see the README's "Stores from
     * URLs"). URLs whose backend settings are equal share one backend, created on first use and
     * closed with this registry.
     *
     * @throws InvalidConfigException for an unknown scheme, an unknown query parameter, a scheme
     *         whose backend is not on the class path, or settings the backend refuses
     * @throws IllegalPathException if the key is not a valid store path once decoded
     * @throws StoreClosedException if the registry is closed
     */
    public StoreLocation open(String url) {
        return urls.open(url);
    }

    /** Like {@link #open}, but the whole URL names a folder, and the store is rooted at it. */
    public Store openFolder(String url) {
        return urls.openFolder(url);
    }

    /** The configured store names, in definition order. */
    public Set<String> storeNames() {
        Set<String> names = new LinkedHashSet<>(stores.keySet());
        names.addAll(new java.util.TreeSet<>(urlStores.keySet()));
        return Collections.unmodifiableSet(names);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
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
        try {
            urls.close();
        } catch (RuntimeException e) {
            first = e;
        }
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
