package dev.remotestore.gcs;

import dev.remotestore.StoreUrl;
import dev.remotestore.spi.UrlResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@code gs://} (and {@code gcs://}, {@code https://storage.googleapis.com/...}) with
 * {@code type = gcs}. Everything else is Google's own conventions, read where the backend already
 * reads them: application default credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's
 * file, the metadata server), {@code GOOGLE_CLOUD_PROJECT} (the client library's project lookup)
 * and {@code STORAGE_EMULATOR_HOST} (the provider, with no credentials then).
 */
public final class GcsUrlResolver implements UrlResolver {
    @Override
    public String scheme() {
        return StoreUrl.GS;
    }

    @Override
    public List<String> types() {
        return List.of(GcsBackend.TYPE);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("endpoint", "project-id", "user-project");
    }

    @Override
    public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
        Map<String, Object> options = new HashMap<>();
        options.put("bucket", url.bucket());
        for (String key : parameters()) {
            String value = url.parameters().get(key);
            if (value != null) {
                options.put(key, value);
            }
        }
        return new Resolved("gs://" + url.bucket(), options);
    }
}
