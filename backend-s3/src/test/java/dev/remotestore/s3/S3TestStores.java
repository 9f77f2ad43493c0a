package dev.remotestore.s3;

import com.typesafe.config.ConfigUtil;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.net.URI;

/**
 * Builds {@code type = s3} stores the way users do: HOCON text through
 * {@link Registry#fromHocon(String)}. Mutable builder; {@link #open()} gives a
 * {@link OpenStore} that closes its registry.
 */
final class S3TestStores {
    /** A store and the registry that owns it; closing closes the registry (and the backend). */
    record OpenStore(Registry registry, Store store, String hocon) implements AutoCloseable {
        @Override
        public void close() {
            registry.close();
        }
    }

    private String bucket;
    private String region = S3ProxyServer.REGION;
    private URI endpoint;
    private boolean pathStyle = true;
    private String accessKey;
    private String secret;
    private String rootPath = "";
    private String extra = "";

    private S3TestStores() {
    }

    /** A store on {@code server}'s bucket with its credentials, path-style, us-east-1. */
    static S3TestStores on(S3ProxyServer server) {
        S3TestStores b = new S3TestStores();
        b.bucket = server.bucket();
        b.endpoint = server.endpoint();
        b.accessKey = S3ProxyServer.ACCESS_KEY;
        b.secret = S3ProxyServer.SECRET_KEY;
        return b;
    }

    /** A store on any S3 endpoint ({@code endpoint} null: AWS); null credentials: default chain. */
    static S3TestStores on(URI endpoint, String region, String bucket, String accessKey, String secret) {
        S3TestStores b = new S3TestStores();
        b.endpoint = endpoint;
        b.region = region;
        b.bucket = bucket;
        b.accessKey = accessKey;
        b.secret = secret;
        b.pathStyle = endpoint != null;
        return b;
    }

    S3TestStores bucket(String value) {
        this.bucket = value;
        return this;
    }

    S3TestStores endpoint(URI value) {
        this.endpoint = value;
        return this;
    }

    S3TestStores secret(String value) {
        this.secret = value;
        return this;
    }

    S3TestStores rootPath(String value) {
        this.rootPath = value;
        return this;
    }

    /** Extra HOCON inside the backend block, e.g. {@code multipart { part-size = 5MiB }}. */
    S3TestStores extra(String hoconFragment) {
        this.extra = this.extra + "\n        " + hoconFragment;
        return this;
    }

    String hocon() {
        StringBuilder backend = new StringBuilder()
                .append("type = s3\n")
                .append("        bucket = ").append(q(bucket)).append('\n');
        if (region != null) {
            backend.append("        region = ").append(q(region)).append('\n');
        }
        if (endpoint != null) {
            backend.append("        endpoint = ").append(q(endpoint.toString())).append('\n');
        }
        backend.append("        path-style = ").append(pathStyle).append('\n');
        if (accessKey != null) {
            backend.append("        credentials { access-key-id = ").append(q(accessKey))
                    .append(", secret-access-key = ").append(q(secret)).append(" }\n");
        }
        backend.append(extra);
        return "remote-store {\n"
                + "  backends {\n"
                + "    s3 {\n"
                + "        " + backend + "\n"
                + "    }\n"
                + "  }\n"
                + "  stores {\n"
                + "    t { backend = s3, root-path = " + q(rootPath) + " }\n"
                + "  }\n"
                + "}\n";
    }

    OpenStore open() {
        String text = hocon();
        Registry registry = Registry.fromHocon(text);
        try {
            return new OpenStore(registry, registry.getStore("t"), text);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    private static String q(String s) {
        return ConfigUtil.quoteString(s);
    }
}
