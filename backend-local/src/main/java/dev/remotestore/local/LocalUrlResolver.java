package dev.remotestore.local;

import dev.remotestore.StoreUrl;
import dev.remotestore.spi.UrlResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@code file://} URLs and plain local paths with {@code type = local}: one backend per
 * folder, rooted at it (created if missing, as a configured local backend does). Reads no
 * environment variable.
 */
public final class LocalUrlResolver implements UrlResolver {
    @Override
    public String scheme() {
        return StoreUrl.FILE;
    }

    @Override
    public List<String> types() {
        return List.of(LocalBackend.TYPE);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("fsync");
    }

    @Override
    public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
        String fsync = url.parameters().get("fsync");
        Map<String, Object> options = fsync == null
                ? Map.of("root", "/" + url.folderKey())
                : Map.of("root", "/" + url.folderKey(), "fsync", fsync);
        return new Resolved(url.resolve("").withoutQuery(), options);
    }
}
