package dev.remotestore.gcs;

import dev.remotestore.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ecosystem's {@code STORAGE_EMULATOR_HOST} convention, read the way Google's Go and Python
 * Cloud Storage clients read it (the Java client, google-cloud-storage 2.71.0, ignores it): when
 * set, requests go to that endpoint instead of {@code storage.googleapis.com}, and a client given
 * no credentials sends none instead of looking for application default credentials.
 *
 * <p>The value is a URL ({@code http://127.0.0.1:4443}, as Python's client and the Firebase
 * emulator write it) or {@code host:port}, which means {@code http://host:port} (as Go's client
 * reads it). An {@code endpoint} in the config, and explicit credentials, take precedence, as an
 * explicit endpoint option and explicit credentials do in those clients.
 */
final class GcsEmulatorHost {
    static final String VARIABLE = "STORAGE_EMULATOR_HOST";

    private GcsEmulatorHost() {
    }

    /** The endpoint the variable names; empty when it is unset or blank. */
    static Optional<URI> from(Function<String, String> environment) {
        String value = environment.apply(VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String url = value.trim().contains("://") ? value.trim() : "http://" + value.trim();
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw invalid(value);
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
    }

    private static InvalidConfigException invalid(String value) {
        return new InvalidConfigException(VARIABLE, "environment variable",
                "expected host:port or an http(s) URL such as http://127.0.0.1:4443, got \"" + value + "\"");
    }
}
