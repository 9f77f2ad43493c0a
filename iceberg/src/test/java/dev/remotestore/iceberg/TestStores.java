package dev.remotestore.iceberg;

import dev.remotestore.azure.AzuriteServer;
import dev.remotestore.s3.S3ProxyServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog properties for RemoteStoreFileIO on each server the tests use: a named store (unique per
 * call, so listeners can tell tests apart) in inline HOCON, and the location prefix mapped to it.
 */
record TestStores(String storeName, String root, Map<String, String> properties) {

    static TestStores local(Path dir) {
        String name = unique("local");
        String hocon = "remote-store { backends { disk { type = local, root = \"" + dir.toString().replace("\\", "/")
                + "\" } }, stores { " + name + " { backend = disk } } }";
        return of(name, "file:" + dir.toAbsolutePath().toString().replace("\\", "/"), hocon);
    }

    static TestStores s3() {
        S3ProxyServer server = S3ProxyServer.shared();
        String name = unique("s3");
        String prefix = S3ProxyServer.uniquePrefix("iceberg");
        String hocon = "remote-store { backends { proxy { type = s3, bucket = " + server.bucket() + ", region = "
                + S3ProxyServer.REGION + ", endpoint = \"" + server.endpoint() + "\", path-style = true, credentials {"
                + " access-key-id = " + S3ProxyServer.ACCESS_KEY + ", secret-access-key = " + S3ProxyServer.SECRET_KEY
                + " } } }, stores { " + name + " { backend = proxy, root-path = \"" + prefix + "\" } } }";
        return of(name, "s3://" + server.bucket() + "/" + prefix, hocon);
    }

    static TestStores azurite() {
        AzuriteServer server = AzuriteServer.shared();
        String name = unique("az");
        String container = server.newContainer("iceberg").getBlobContainerName();
        String hocon = "remote-store { backends { azurite { type = azure, account = " + AzuriteServer.ACCOUNT
                + ", container = " + container + ", endpoint = \"" + server.endpoint() + "\", credentials { account-key = \""
                + AzuriteServer.KEY + "\" } } }, stores { " + name + " { backend = azurite, root-path = lake } } }";
        return of(name, "abfss://" + container + "@" + AzuriteServer.ACCOUNT + ".dfs.core.windows.net/lake", hocon);
    }

    private static TestStores of(String name, String root, String hocon) {
        Map<String, String> props = new HashMap<>();
        props.put(RemoteStoreProperties.CONFIG, hocon);
        props.put(RemoteStoreProperties.LOCATION_PREFIX + name, root);
        return new TestStores(name, root, props);
    }

    private static String unique(String label) {
        return label + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    RemoteStoreFileIO newFileIO() {
        RemoteStoreFileIO io = new RemoteStoreFileIO();
        io.initialize(properties);
        return io;
    }

    /** A location under this store's root. */
    String location(String path) {
        return root + "/" + path;
    }
}
