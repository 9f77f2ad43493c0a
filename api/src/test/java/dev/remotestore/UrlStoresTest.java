package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.UrlResolver;
import dev.remotestore.testing.RecordingBackendProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UrlStores with a resolver of the tests' own for {@code s3://}, over the recording backend: one
 * backend per distinct settings, the environment as the resolver sees it, closing, defaults.
 */
class UrlStoresTest {
    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> env = new HashMap<>();

    /** Serves s3:// with the recording backend; the tag is the bucket plus the TEST_SUFFIX variable. */
    public static final class RecordingUrlResolver implements UrlResolver {
        @Override
        public String scheme() {
            return StoreUrl.S3;
        }

        @Override
        public List<String> types() {
            return List.of(RecordingBackendProvider.TYPE);
        }

        @Override
        public Set<String> parameters() {
            return Set.of("flag");
        }

        @Override
        public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
            Map<String, Object> options = new HashMap<>();
            String suffix = environment.apply("TEST_SUFFIX");
            options.put("name-tag", url.bucket() + (suffix == null ? "" : suffix));
            if (url.parameters().containsKey("flag")) {
                options.put("flag", url.parameters().get("flag"));
            }
            return new Resolved("s3://" + url.bucket(), options);
        }
    }

    private UrlStores stores(UrlDefaults defaults) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(UrlResolver.class.getName()), RecordingUrlResolver.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return new UrlStores(BackendCatalog.discover(loader), loader, env::get, defaults, () -> false, t -> List.of());
    }

    @Test
    void equalSettingsShareOneBackendAndOthersGetTheirOwn() throws Exception {
        UrlStores stores = stores(UrlDefaults.none());
        String bucket = "b-" + run;
        stores.open("s3://" + bucket + "/a/x.csv").store().write("x.csv", new byte[] {1});
        stores.openFolder("s3://" + bucket + "/other");
        stores.open("https://" + bucket + ".s3.amazonaws.com/z");
        assertEquals(1, stores.backendCount(), "three URL forms of one bucket, one backend");
        assertEquals(List.of("a/x.csv"), RecordingBackendProvider.created(bucket).get(0).keys());
        stores.open("s3://" + bucket + "/x?flag=true");
        assertEquals(2, stores.backendCount(), "another setting, another backend");
        env.put("TEST_SUFFIX", "-env");
        stores.open("s3://" + bucket + "/x");
        assertEquals(1, RecordingBackendProvider.created(bucket + "-env").size(), "the resolver reads the injected environment");
        stores.close();
        assertEquals(1, RecordingBackendProvider.created(bucket).get(0).closeCount());
        assertEquals(1, RecordingBackendProvider.created(bucket + "-env").get(0).closeCount());
        assertThrows(StoreClosedException.class, () -> stores.open("s3://" + bucket + "/y"));
    }

    @Test
    void defaultsFillWhatTheUrlLeavesAndAreValidatedWithTheBlock() throws Exception {
        UrlDefaults defaults = UrlDefaults.fromConfig(ConfigFactory.parseString("s3 { part-size = 4KiB, flag = false }").root(),
                "remote-store.url-defaults");
        UrlStores stores = stores(defaults);
        String bucket = "d-" + run;
        stores.open("s3://" + bucket + "/x?flag=true");
        assertEquals(4096, RecordingBackendProvider.created(bucket).get(0).settings().bytes("part-size", 0));
        assertTrue(RecordingBackendProvider.created(bucket).get(0).settings().bool("flag", false), "the URL wins over defaults");
        UrlStores bad = stores(UrlDefaults.fromConfig(ConfigFactory.parseString("s3 { part-size = 1 }").root(), "remote-store.url-defaults"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> bad.open("s3://" + bucket + "/x"));
        assertTrue(e.getMessage().contains("part-size"), e.getMessage());
        UrlStores wrongType = stores(UrlDefaults.fromConfig(ConfigFactory.parseString("s3 { type = local }").root(), "remote-store.url-defaults"));
        e = assertThrows(InvalidConfigException.class, () -> wrongType.open("s3://" + bucket + "/x"));
        assertTrue(e.getMessage().contains("types that can: " + RecordingBackendProvider.TYPE), e.getMessage());
        stores.close();
    }

    @Test
    void unknownParameterAndMissingResolverAreRefusedBeforeAnyBackendExists() throws Exception {
        UrlStores stores = stores(UrlDefaults.none());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> stores.open("s3://p-" + run + "/x?sig=SECRET"));
        assertTrue(e.getMessage().contains("'sig'") && !e.getMessage().contains("SECRET"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> stores.open("gs://p-" + run + "/x"));
        assertTrue(e.getMessage().contains("dev.remotestore:remote-store-backend-gcs"), e.getMessage());
        assertEquals(0, stores.backendCount());
    }
}
