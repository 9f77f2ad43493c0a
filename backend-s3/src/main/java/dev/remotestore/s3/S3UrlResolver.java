package dev.remotestore.s3;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.StoreUrl;
import dev.remotestore.spi.UrlResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@code s3://} (and {@code s3a://} and the https forms) with {@code type = s3}, or
 * {@code s3-crt} when the URL's {@code type} parameter or the registry's url-defaults say so.
 *
 * <p>Credentials and region are left to the AWS SDK's default chains (environment, system
 * properties, profile files, SSO, container and instance roles). The endpoint of an
 * S3-compatible server comes from the {@code endpoint} parameter, else {@code AWS_ENDPOINT_URL_S3},
 * else {@code AWS_ENDPOINT_URL} (the SDK's own precedence; both ignored when
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}). Whenever an endpoint is given, path-style
 * addressing is on unless {@code path-style=false} says otherwise: MinIO, Ceph and most
 * S3-compatible servers need it, and AWS itself still serves it.
 */
public final class S3UrlResolver implements UrlResolver {
    static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    static final String ENDPOINT_ALL = "AWS_ENDPOINT_URL";
    static final String IGNORE_ENDPOINTS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    @Override
    public String scheme() {
        return StoreUrl.S3;
    }

    @Override
    public List<String> types() {
        return List.of(S3Backend.TYPE, "s3-crt");
    }

    @Override
    public Set<String> parameters() {
        return Set.of("region", "endpoint", "path-style");
    }

    @Override
    public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
        Map<String, Object> options = new HashMap<>();
        options.put("bucket", url.bucket());
        Map<String, String> p = url.parameters();
        if (p.containsKey("region")) {
            options.put("region", p.get("region"));
        }
        String endpoint = p.containsKey("endpoint") ? p.get("endpoint") : environmentEndpoint(environment);
        if (endpoint != null) {
            options.put("endpoint", endpoint);
            options.put("path-style", true);
        }
        if (p.containsKey("path-style")) {
            String v = p.get("path-style");
            if (!v.equals("true") && !v.equals("false")) {
                throw new InvalidConfigException("url", null, "the path-style parameter is true or false");
            }
            options.put("path-style", Boolean.parseBoolean(v));
        }
        return new Resolved("s3://" + url.bucket(), options);
    }

    private static String environmentEndpoint(Function<String, String> environment) {
        if ("true".equalsIgnoreCase(trimmed(environment.apply(IGNORE_ENDPOINTS)))) {
            return null;
        }
        String specific = trimmed(environment.apply(ENDPOINT_S3));
        return specific != null ? specific : trimmed(environment.apply(ENDPOINT_ALL));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
