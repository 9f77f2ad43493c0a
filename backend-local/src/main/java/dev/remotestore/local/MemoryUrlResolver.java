package dev.remotestore.local;

import dev.remotestore.StoreUrl;
import dev.remotestore.spi.UrlResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@code memory://name/key} with {@code type = memory}: each name is one memory space,
 * shared by every URL of that name in the same registry and gone when the registry closes.
 */
public final class MemoryUrlResolver implements UrlResolver {
    @Override
    public String scheme() {
        return StoreUrl.MEMORY;
    }

    @Override
    public List<String> types() {
        return List.of(MemoryBackend.TYPE);
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
        return new Resolved("memory://" + url.bucket(), Map.of());
    }
}
