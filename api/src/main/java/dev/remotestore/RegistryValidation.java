package dev.remotestore;

import dev.remotestore.spi.BackendProvider;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigProblems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a {@link RegistryConfig} whole before any backend exists: each backend block against its
 * provider's schema and then its provider's own checks, each store against the backends, every
 * problem recorded so that one {@link InvalidConfigException} lists them all (adr/0025).
 */
final class RegistryValidation {
    private RegistryValidation() {
    }

    /**
     * A handle per valid backend, by name.
     *
     * @param problems what was found while reading the structure; the rest is added
     * @param broken names of backends already known to be broken; stores naming them are not reported again
     * @throws InvalidConfigException listing every problem, if there is one
     */
    static Map<String, BackendHandle> validate(RegistryConfig config, BackendCatalog catalog, ConfigProblems problems,
            Set<String> broken, Function<Class<?>, List<?>> components) {
        Map<String, BackendHandle> handles = new LinkedHashMap<>();
        for (BackendConfig b : config.backends().values()) {
            BackendHandle handle = backend(b, catalog, problems, components);
            if (handle != null) {
                handles.put(b.name(), handle);
            } else {
                broken.add(b.name());
            }
        }
        for (StoreProfile s : config.stores().values()) {
            String key = RegistryConfig.ROOT + ".stores." + s.name();
            if (!handles.containsKey(s.backend()) && !broken.contains(s.backend())) {
                problems.add(key + ".backend", s.origin(), "names backend '" + s.backend()
                        + "', which is not defined; defined backends: " + String.join(", ", config.backends().keySet()));
            }
            try {
                StorePaths.normalize(s.rootPath());
            } catch (IllegalPathException e) {
                problems.add(key + ".root-path", s.origin(), "not a valid path: " + e.detail());
            }
        }
        problems.throwIfAny();
        return handles;
    }

    /** A handle for a valid backend block; null after recording what is wrong with it. */
    private static BackendHandle backend(BackendConfig b, BackendCatalog catalog, ConfigProblems problems,
            Function<Class<?>, List<?>> components) {
        BackendProvider provider;
        try {
            provider = catalog.require(b.type(), b.keyPath() + ".type", b.origin());
        } catch (InvalidConfigException e) {
            problems.add(e);
            return null;
        }
        ConfigProblems own = new ConfigProblems();
        // With schema problems the provider still checks the other keys (the offending ones are left out).
        BackendSettings settings = BackendSettings.validate(b.name(), b.type(), b.keyPath(), b.rawOptions(), provider.schema(), own);
        boolean schemaValid = own.isEmpty();
        List<String> leftOut = own.problems().stream().map(p -> p.key().substring(b.keyPath().length() + 1)).toList();
        try {
            provider.validate(settings);
        } catch (InvalidConfigException e) {
            for (InvalidConfigException.Problem p : e.problems()) {
                // "access-key-id is set without credentials.secret-access-key" when the secret was a list: already reported
                if (leftOut.stream().noneMatch(k -> mentions(p.detail(), k))) {
                    own.add(p.key(), p.origin(), p.detail());
                }
            }
        } catch (RuntimeException e) {
            if (schemaValid) {
                // A provider that checks with IllegalArgumentException and the like: still a config error, found now.
                own.add(b.keyPath(), b.origin(), "rejected by the " + b.type() + " backend: " + e.getMessage());
            } // else: a consequence of a key already reported (missing or left out)
        }
        own.problems().forEach(p -> problems.add(p.key(), p.origin(), p.detail()));
        return own.isEmpty() ? new BackendHandle(provider, settings.withComponents(components)) : null;
    }

    private static boolean mentions(String detail, String key) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w-])").matcher(detail).find();
    }
}
