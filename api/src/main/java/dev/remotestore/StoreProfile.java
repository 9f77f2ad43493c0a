package dev.remotestore;

import java.util.Objects;

/**
 * One named store: the backend it uses and the folder of that backend it is confined to.
 *
 * @param name the store's name, as passed to {@link Registry#getStore(String)}
 * @param backend the name of a backend in the same {@link RegistryConfig}
 * @param rootPath the folder within the backend ({@code ""} for the backend's root)
 * @param origin where the profile was defined, for messages
 */
public record StoreProfile(String name, String backend, String rootPath, String origin) {
    public StoreProfile {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(backend, "backend is null");
        rootPath = rootPath == null ? "" : rootPath;
        origin = origin == null ? "store '" + name + "' configured in code" : origin;
    }

    /** A store defined in code. */
    public StoreProfile(String name, String backend, String rootPath) {
        this(name, backend, rootPath, null);
    }

    /** A store over the whole backend. */
    public StoreProfile(String name, String backend) {
        this(name, backend, "", null);
    }
}
