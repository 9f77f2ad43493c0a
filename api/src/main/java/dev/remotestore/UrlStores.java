package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.UrlResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The stores a registry opens from URLs: resolves each URL through its scheme's
 * {@link UrlResolver}, validates the block like a configured one, and keeps one backend per
 * distinct (type, storage, settings), so the same bucket opened twice shares a client. Closed
 * with its registry. Thread-safe.
 */
final class UrlStores {
    /** The artifact that ships each canonical scheme's resolver. */
    private static final Map<String, String> SHIPPED = Map.of(
            StoreUrl.FILE, "remote-store-backend-local",
            StoreUrl.MEMORY, "remote-store-backend-local",
            StoreUrl.S3, "remote-store-backend-s3",
            StoreUrl.GS, "remote-store-backend-gcs",
            StoreUrl.AZ, "remote-store-backend-azure");

    /** The parameter every scheme accepts: which backend type serves the URL. */
    static final String TYPE_PARAMETER = "type";

    private record ShareKey(String type, String label, Map<String, Object> options) {
    }

    private final BackendCatalog catalog;
    private final Map<String, UrlResolver> resolvers;
    private final Function<String, String> environment;
    private final UrlDefaults defaults;
    private final BooleanSupplier closed;
    private final Function<Class<?>, List<?>> components;
    private final Map<ShareKey, BackendHandle> handles = new HashMap<>();
    private boolean closing;

    UrlStores(BackendCatalog catalog, ClassLoader loader, Function<String, String> environment, UrlDefaults defaults,
            BooleanSupplier closed, Function<Class<?>, List<?>> components) {
        this.catalog = catalog;
        this.components = components;
        this.environment = environment;
        this.defaults = defaults;
        this.closed = closed;
        Map<String, UrlResolver> found = new TreeMap<>();
        for (UrlResolver r : ServiceLoader.load(UrlResolver.class, loader)) {
            found.putIfAbsent(r.scheme(), r);
        }
        this.resolvers = found;
    }

    /** The thread's context class loader, else the api's: where backends and resolvers are looked for. */
    static ClassLoader defaultLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : UrlStores.class.getClassLoader();
    }

    /** A store rooted at the URL's folder, and the URL's path in it. */
    StoreLocation open(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        StoreUrl folder = parsed.resolve("");
        String name = parsed.isFolder() ? "" : parsed.name();
        return new StoreLocation(store(folder, null), name, folder);
    }

    /** A store rooted at the whole of the URL's key, read as a folder. */
    Store openFolder(String url) {
        return store(StoreUrl.parse(url).asFolder(), null);
    }

    /**
     * Checks a store declared by {@code url} in config, up front: the URL parses, its scheme's
     * backend is on the class path, and the resolved block passes the type's schema. No I/O.
     *
     * @throws InvalidConfigException naming the store's {@code url} key and where it was set
     */
    void check(UrlConfig.UrlStore declared) {
        try {
            handle(StoreUrl.parse(declared.url()).asFolder());
        } catch (InvalidConfigException e) {
            String detail = "url".equals(e.key()) ? e.detail().replaceFirst("^url: ", "") : e.detail();
            throw new InvalidConfigException(declared.key(), declared.origin(), detail, e);
        } catch (IllegalPathException e) {
            throw new InvalidConfigException(declared.key(), declared.origin(), e.detail(), e);
        }
    }

    /** The store a config declared by {@code url}, named as in config. */
    Store named(UrlConfig.UrlStore declared) {
        return store(StoreUrl.parse(declared.url()).asFolder(), declared.name());
    }

    private Store store(StoreUrl folder, String storeName) {
        if (closed.getAsBoolean()) {
            throw new StoreClosedException("the registry is closed; cannot open " + folder.withoutQuery(), null);
        }
        BackendHandle handle = handle(folder);
        String root = folder.scheme().equals(StoreUrl.FILE) ? "" : folder.key();
        String name = storeName != null ? storeName : folder.withoutQuery();
        if (storeName == null && name.endsWith("/") && !name.endsWith("//")) {
            name = name.substring(0, name.length() - 1); // messages append "/path"
        }
        return new Store(name, handle.get(), root, closed);
    }

    private BackendHandle handle(StoreUrl folder) {
        UrlResolver resolver = resolver(folder.scheme());
        checkParameters(folder, resolver);
        String type = type(folder, resolver);
        BackendProvider provider = catalog.require(type, "url", null);
        UrlResolver.Resolved resolved = resolver.resolve(folder, type, environment);
        Config options = ConfigFactory.parseMap(resolved.options(), "URL " + resolved.label())
                .withFallback(defaults.options(folder.scheme()));
        ShareKey key = new ShareKey(type, resolved.label(), options.root().unwrapped());
        BackendHandle handle;
        synchronized (this) {
            if (closing) {
                throw new StoreClosedException("the registry is closed; cannot open " + folder.withoutQuery(), null);
            }
            handle = handles.get(key);
            if (handle == null) {
                String keyPath = "url[" + resolved.label() + "]";
                BackendSettings settings = BackendSettings.validate(resolved.label(), type, keyPath, options, provider.schema());
                provider.validate(settings);
                handle = new BackendHandle(provider, settings.withComponents(components));
                handles.put(key, handle);
            }
        }
        return handle;
    }

    private UrlResolver resolver(String scheme) {
        UrlResolver resolver = resolvers.get(scheme);
        if (resolver == null) {
            throw new InvalidConfigException("url", null, scheme + ":// URLs are served by dev.remotestore:" + SHIPPED.get(scheme)
                    + ", which is not on the class path; add that dependency (schemes on the class path: "
                    + (resolvers.isEmpty() ? "none" : String.join(", ", resolvers.keySet())) + ")");
        }
        return resolver;
    }

    private static void checkParameters(StoreUrl url, UrlResolver resolver) {
        Set<String> accepted = new TreeSet<>(resolver.parameters());
        accepted.add(TYPE_PARAMETER);
        for (String name : url.parameters().keySet()) {
            if (!accepted.contains(name)) {
                throw new InvalidConfigException("url", null, "unknown query parameter '" + StoreUrl.safeName(name) + "' in "
                        + url.withoutQuery() + "; " + url.scheme() + ":// URLs accept: " + String.join(", ", accepted)
                        + " (credentials come from the environment, never from the URL)");
            }
        }
    }

    private String type(StoreUrl url, UrlResolver resolver) {
        String type = url.parameters().get(TYPE_PARAMETER);
        if (type == null) {
            type = defaults.type(url.scheme()).orElse(resolver.types().get(0));
        }
        if (!resolver.types().contains(type)) {
            throw new InvalidConfigException("url", null, "backend type '" + StoreUrl.safeName(type) + "' cannot serve "
                    + url.scheme() + ":// URLs; types that can: " + String.join(", ", resolver.types()));
        }
        return type;
    }

    /** Closes every backend opened for URLs, carrying on past failures and rethrowing the first. */
    void close() {
        List<BackendHandle> all;
        synchronized (this) {
            closing = true;
            all = new ArrayList<>(handles.values());
        }
        RuntimeException first = BackendHandle.closeAll(all, null);
        if (first != null) {
            throw first;
        }
    }

    /** How many backends URL stores use now; for tests of sharing. */
    synchronized int backendCount() {
        return handles.size();
    }
}
