package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.spi.Backend;
import dev.remotestore.spi.ConfigProblems;
import java.util.Collections;
import java.util.HashSet;
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
 * keys, wrong value types, missing required keys, values out of range, stores naming missing
 * backends raise one {@link InvalidConfigException} listing every problem, here, not at first use. Each backend is created lazily, exactly
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
    private final UrlStores urls;
    private final Map<String, UrlConfig.UrlStore> urlStores;

    private Registry(RegistryConfig config, BackendCatalog catalog, ConfigProblems problems, Set<String> broken,
            ListenerAssembly.Assembled observability, UrlConfig urlConfig) {
        List<OperationListener> listeners = observability.listeners();
        this.urls = new UrlStores(catalog, UrlStores.defaultLoader(), System::getenv, urlConfig.defaults(), closed::get,
                observability.components());
        this.urlStores = urlConfig.stores();
        // URL stores are checked first so that their problems join the one exception validate() raises
        urlStores.values().forEach(u -> problems.check(() -> urls.check(u)));
        this.backends = Collections.unmodifiableMap(RegistryValidation.validate(config, catalog, problems, broken,
                observability.components()));
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

    /** Used by {@link RegistryBuilder}: a configuration already read, plus its listeners. */
    static Registry create(RegistryConfig config, UrlConfig urlConfig, BackendCatalog catalog,
            ListenerAssembly.Assembled observability) {
        return new Registry(config, catalog, new ConfigProblems(), new HashSet<>(), observability, urlConfig);
    }

    /**
     * A builder for a registry that also takes what HOCON cannot hold: observability instances
     * (a {@code MeterRegistry}, an {@code OpenTelemetry}) and listeners of the user's own.
     */
    public static RegistryBuilder builder() {
        return new RegistryBuilder();
    }

    /**
     * From the {@code remote-store} block of {@code ConfigFactory.load()} (system properties,
     * application.conf, reference.conf). Environment variables are resolved as Typesafe does; a
     * value taken from one names it in error messages.
     *
     * @throws InvalidConfigException listing every problem, including HOCON that does not parse or
     *         a substitution that does not resolve (with file and line), and naming the files read
     *         when none holds a {@code remote-store} block
     */
    public static Registry load() {
        ClassLoader loader = contextLoader();
        Config config;
        try {
            config = ConfigFactory.load(loader, ConfigParseOptions.defaults(), EnvironmentResolver.options());
        } catch (ConfigException e) {
            throw HoconFailures.wrap(e);
        }
        return build(config, ConfigSources.forLoad(loader), loader);
    }

    /**
     * From the {@code remote-store} block of {@code config}, resolving it if needed.
     *
     * @throws InvalidConfigException listing every problem of the configuration
     */
    public static Registry fromConfig(Config config) {
        Objects.requireNonNull(config, "config is null");
        return build(config, null, contextLoader());
    }

    /**
     * From HOCON text holding a {@code remote-store} block.
     *
     * @throws InvalidConfigException listing every problem, including text that does not parse
     */
    public static Registry fromHocon(String hocon) {
        Objects.requireNonNull(hocon, "hocon is null");
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(hocon);
        } catch (ConfigException e) {
            throw HoconFailures.wrap(e);
        }
        return fromConfig(parsed);
    }

    /**
     * From a configuration built in code.
     *
     * @throws InvalidConfigException listing every problem of the configuration
     */
    public static Registry of(RegistryConfig config) {
        Objects.requireNonNull(config, "config is null");
        ClassLoader loader = contextLoader();
        return new Registry(config, BackendCatalog.discover(loader), new ConfigProblems(), new HashSet<>(),
                ListenerAssembly.assemble(config.observability(), List.of(), List.of(), loader), UrlConfig.none(null));
    }

    // Structure and backend problems are gathered together, so that one exception lists them all.
    private static Registry build(Config config, String sources, ClassLoader loader) {
        ConfigProblems problems = new ConfigProblems();
        Set<String> broken = new HashSet<>();
        UrlConfig urlConfig = UrlConfig.extract(config);
        RegistryConfig read = RegistryConfig.read(urlConfig.remainder(), sources, problems, broken);
        return new Registry(read, BackendCatalog.discover(loader), problems, broken,
                ListenerAssembly.assemble(read.observability(), List.of(), List.of(), loader), urlConfig);
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Registry.class.getClassLoader();
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
        return new Store(name, backend, StorePaths.normalize(profile.rootPath()), closed::get, observers.get(name));
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
        first = BackendHandle.closeAll(backends.values(), first);
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Registry{stores=" + stores.keySet() + ", backends=" + backends.keySet() + (closed.get() ? ", closed" : "") + '}';
    }
}
