package dev.remotestore.s3crt;

import com.typesafe.config.ConfigUtil;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.s3.S3ProxyServer;
import java.net.URI;

/**
 * Builds {@code type = s3-crt} stores the way users do: HOCON text through
 * {@link Registry#fromHocon(String)}. {@link #open()} gives an {@link OpenStore} that closes its
 * registry (and so the backend and both clients).
 */
final class CrtTestStores {
    record OpenStore(Registry registry, Store store) implements AutoCloseable {
        @Override
        public void close() {
            registry.close();
        }
    }

    private String type = "s3-crt";
    private final String bucket;
    private URI endpoint;
    private final String accessKey;
    private final String secret;
    private String rootPath = "";
    private final StringBuilder extra = new StringBuilder();

    private CrtTestStores(URI endpoint, String bucket, String accessKey, String secret) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secret = secret;
    }

    /** On S3Proxy, with the header switch it needs for the CRT's multipart uploads. */
    static CrtTestStores on(S3ProxyServer server) {
        return new CrtTestStores(server.endpoint(), server.bucket(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .extra("crt { drop-expect-continue = true }");
    }

    static CrtTestStores on(URI endpoint, String bucket, String accessKey, String secret) {
        return new CrtTestStores(endpoint, bucket, accessKey, secret);
    }

    /** {@code s3} for a comparison against the standard backend, same keys. */
    CrtTestStores type(String value) {
        this.type = value;
        return this;
    }

    CrtTestStores endpoint(URI value) {
        this.endpoint = value;
        return this;
    }

    CrtTestStores rootPath(String value) {
        this.rootPath = value;
        return this;
    }

    /** Extra HOCON inside the backend block; blocks given twice merge. */
    CrtTestStores extra(String hoconFragment) {
        extra.append("\n      ").append(hoconFragment);
        return this;
    }

    String hocon() {
        String crtOnly = type.equals("s3-crt") ? extra.toString() : extra.toString().replaceAll("crt \\{[^}]*}", "");
        return "remote-store {\n"
                + "  backends {\n"
                + "    b {\n"
                + "      type = " + type + "\n"
                + "      bucket = " + q(bucket) + "\n"
                + "      region = us-east-1\n"
                + "      endpoint = " + q(endpoint.toString()) + "\n"
                + "      path-style = true\n"
                + "      credentials { access-key-id = " + q(accessKey) + ", secret-access-key = " + q(secret) + " }"
                + crtOnly + "\n"
                + "    }\n"
                + "  }\n"
                + "  stores { t { backend = b, root-path = " + q(rootPath) + " } }\n"
                + "}\n";
    }

    OpenStore open() {
        Registry registry = Registry.fromHocon(hocon());
        try {
            return new OpenStore(registry, registry.getStore("t"));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    private static String q(String s) {
        return ConfigUtil.quoteString(s);
    }
}
