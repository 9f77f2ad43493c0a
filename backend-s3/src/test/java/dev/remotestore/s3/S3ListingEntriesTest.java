package dev.remotestore.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * A listing entry without an ETag (seen under heavy concurrent overwrites and deletes) must not
 * fail the whole listing. S3Proxy's listing is real; only the one entry's {@code <ETag>} is
 * removed on the way in, by an interceptor on the client. Keys ending in {@code /} that hold
 * bytes are tested on S3Mock (S3MockTrailingSlashKeysTest in backend-s3-crt): S3Proxy cannot
 * store them (S3ProxyCapabilityProbeTest#aKeyEndingInSlashLosesItsBytes).
 */
class S3ListingEntriesTest {
    S3ProxyServer server = S3ProxyServer.shared();
    S3Client raw;
    String root;
    S3TestStores.OpenStore open;

    @BeforeEach
    void open(TestInfo info) {
        root = S3ProxyServer.uniquePrefix(info.getTestMethod().orElseThrow().getName());
        raw = server.newClient();
        open = S3TestStores.on(server).rootPath(root).open();
    }

    @AfterEach
    void close() {
        try {
            open.store().deleteFolder("", true);
        } finally {
            open.close();
            raw.close();
        }
    }

    @Test
    void aListingEntryWithoutAnEtagIsListedWithAnAbsentEtag() {
        Store store = open.store();
        for (String name : List.of("a.txt", "b.txt", "c.txt")) {
            store.write("dir/" + name, name.getBytes(StandardCharsets.UTF_8));
        }
        // the server's answer, with b.txt's <ETag> removed on the way in
        String stripped = root + "/dir/b.txt";
        ExecutionInterceptor dropEtag = new ExecutionInterceptor() {
            @Override
            public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                    ExecutionAttributes attributes) {
                if (!(context.request() instanceof ListObjectsV2Request) || context.responseBody().isEmpty()) {
                    return context.responseBody();
                }
                String xml = read(context.responseBody().get());
                String edited = xml.replaceAll("(<Key>" + stripped + "</Key>(?:(?!</Contents>).)*?)<ETag>[^<]*</ETag>", "$1");
                assertTrue(!edited.equals(xml), "the test removed an ETag");
                return Optional.of(new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)));
            }
        };
        S3Config config = S3Config.builder().bucket(server.bucket()).endpoint(server.endpoint()).pathStyle(true).build();
        S3Client intercepted = S3Client.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
                .forcePathStyle(true).overrideConfiguration(o -> o.addExecutionInterceptor(dropEtag)).build();
        try (S3Backend backend = S3Backend.withClients(config, intercepted, server.newPresigner())) {
            Store viaInterceptor = Store.of("intercepted", backend, root);
            Map<String, FileInfo> listed;
            try (Stream<FileInfo> files = viaInterceptor.listFiles("dir", ListOptions.recursive())) {
                listed = files.collect(Collectors.toMap(FileInfo::path, Function.identity(), (x, y) -> x, TreeMap::new));
            }
            assertEquals(Set.of("dir/a.txt", "dir/b.txt", "dir/c.txt"), listed.keySet());
            assertNull(listed.get("dir/b.txt").etag(), "the server sent no ETag for b.txt");
            assertEquals(5, listed.get("dir/b.txt").size());
            assertEquals(store.getFileInfo("dir/a.txt").etag(), listed.get("dir/a.txt").etag());
            assertEquals(store.getFileInfo("dir/c.txt").etag(), listed.get("dir/c.txt").etag());
            assertNotNull(store.getFileInfo("dir/b.txt").etag(), "HEAD reports it");
        }
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
