package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Parsing every accepted URL form, refusing hostile ones, and the parse/toString round trip. */
class StoreUrlTest {

    static Stream<Arguments> forms() {
        return Stream.of(
                // url, scheme, bucket, account, key, folder, parameters
                Arguments.of("s3://bucket/raw/data.csv", "s3", "bucket", null, "raw/data.csv", false, Map.of()),
                Arguments.of("s3a://bucket/raw/data.csv", "s3", "bucket", null, "raw/data.csv", false, Map.of()),
                Arguments.of("S3://bucket/raw/", "s3", "bucket", null, "raw", true, Map.of()),
                Arguments.of("s3://bucket", "s3", "bucket", null, "", true, Map.of()),
                Arguments.of("s3://my.bucket/k?type=s3-crt", "s3", "my.bucket", null, "k", false, Map.of("type", "s3-crt")),
                Arguments.of("https://bucket.s3.eu-west-1.amazonaws.com/a/b.txt", "s3", "bucket", null, "a/b.txt", false,
                        Map.of("region", "eu-west-1")),
                Arguments.of("https://my.bucket.s3-us-west-2.amazonaws.com/a", "s3", "my.bucket", null, "a", false,
                        Map.of("region", "us-west-2")),
                Arguments.of("https://bucket.s3.amazonaws.com/a", "s3", "bucket", null, "a", false, Map.of()),
                Arguments.of("https://s3.eu-central-1.amazonaws.com/bucket/x/y", "s3", "bucket", null, "x/y", false,
                        Map.of("region", "eu-central-1")),
                Arguments.of("gs://backup-lake/2026/x.parquet", "gs", "backup-lake", null, "2026/x.parquet", false, Map.of()),
                Arguments.of("gcs://backup-lake/", "gs", "backup-lake", null, "", true, Map.of()),
                Arguments.of("https://storage.googleapis.com/backup-lake/a%20b", "gs", "backup-lake", null, "a b", false, Map.of()),
                Arguments.of("az://exports/customers.jsonl", "az", "exports", null, "customers.jsonl", false, Map.of()),
                Arguments.of("azure://exports/c/", "az", "exports", null, "c", true, Map.of()),
                Arguments.of("abfss://exports@acct01.dfs.core.windows.net/c/d.json", "az", "exports", "acct01", "c/d.json", false, Map.of()),
                Arguments.of("abfs://exports@acct01.dfs.core.windows.net/", "az", "exports", "acct01", "", true, Map.of()),
                Arguments.of("https://acct01.blob.core.windows.net/exports/c.jsonl", "az", "exports", "acct01", "c.jsonl", false, Map.of()),
                Arguments.of("memory://scratch/a/b", "memory", "scratch", null, "a/b", false, Map.of()),
                Arguments.of("file:///tmp/data/x.csv", "file", "", null, "tmp/data/x.csv", false, Map.of()),
                Arguments.of("file:/tmp/data/", "file", "", null, "tmp/data", true, Map.of()),
                Arguments.of("file://localhost/tmp/x", "file", "", null, "tmp/x", false, Map.of()),
                Arguments.of("/tmp/plain path/x%20y.csv", "file", "", null, "tmp/plain path/x%20y.csv", false, Map.of()),
                // decoding: exactly once, UTF-8, '+' is a plus
                Arguments.of("s3://b/a%2520b", "s3", "b", null, "a%20b", false, Map.of()),
                Arguments.of("s3://b/caf%C3%A9+1", "s3", "b", null, "café+1", false, Map.of()),
                Arguments.of("s3://b/café/ü", "s3", "b", null, "café/ü", false, Map.of()),
                Arguments.of("s3://b/./a//b", "s3", "b", null, "a/b", false, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parsesEveryFormToItsCanonicalParts(String url, String scheme, String bucket, String account, String key, boolean folder,
            Map<String, String> parameters) {
        StoreUrl u = StoreUrl.parse(url);
        assertEquals(scheme, u.scheme());
        assertEquals(bucket, u.bucket());
        assertEquals(account, u.account());
        assertEquals(key, u.key());
        assertEquals(folder, u.isFolder());
        assertEquals(parameters, u.parameters());
        assertEquals(u, StoreUrl.parse(u.toString()), "canonical form reads back: " + u);
    }

    @Test
    void relativePlainPathsResolveAgainstTheWorkingDirectory() {
        StoreUrl u = StoreUrl.parse("some dir/x.bin");
        String expected = Path.of("some dir/x.bin").toAbsolutePath().normalize().toString().substring(1);
        assertEquals(expected, u.key());
        assertEquals("file", u.scheme());
    }

    /** The names the contract suite uses, and worse. */
    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "with space.txt", "ünïcødé/文件.txt", "plus+sign", "per%cent", "per%25cent",
            "a?b", "hash#tag", "semi;colon,comma=eq&amp", "tilde~_-.x", "emoji😀", "quote'\"", "[brackets]", "100%",
            "deep/ly/nested/a b+c%d"})
    void keysRoundTripThroughTheCanonicalUrl(String name) {
        for (String base : new String[] {"s3://bucket/", "gs://bucket/", "az://container/", "memory://m/", "file:///tmp/",
                "abfss://container@acct01.dfs.core.windows.net/"}) {
            StoreUrl folder = StoreUrl.parse(base);
            StoreUrl file = folder.resolve(name);
            StoreUrl back = StoreUrl.parse(file.toString());
            assertEquals(file, back, base + name);
            assertEquals(StoreUrl.parse(base).key().isEmpty() ? name : folder.key() + "/" + name, back.key());
            assertEquals(java.net.URI.create(file.toString()).toString(), file.toString(), "a valid java.net.URI");
        }
    }

    @Test
    void folderAndNameSplitTheKey() {
        StoreUrl u = StoreUrl.parse("s3://b/x/y/z.csv");
        assertEquals("x/y", u.folderKey());
        assertEquals("z.csv", u.name());
        assertEquals("s3://b/x/y/", u.resolve("").toString());
        assertTrue(u.resolve("").isFolder());
        assertFalse(StoreUrl.parse("s3://b/z").resolve("").isFolder() && !StoreUrl.parse("s3://b/z").resolve("").key().isEmpty());
        assertNull(u.account());
    }

    @Test
    void asFolderKeepsTheParameters() {
        StoreUrl f = StoreUrl.parse("s3://b/x/y?region=eu-west-1").asFolder();
        assertEquals("x/y", f.folderKey());
        assertEquals(Map.of("region", "eu-west-1"), f.parameters());
        assertEquals("s3://b/x/y/?region=eu-west-1", f.toString());
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("s3://", InvalidConfigException.class),
                Arguments.of("s3:///key", InvalidConfigException.class),
                Arguments.of("gs://", InvalidConfigException.class),
                Arguments.of("az:///x", InvalidConfigException.class),
                Arguments.of("memory:///x", InvalidConfigException.class),
                Arguments.of("s3:bucket/key", InvalidConfigException.class),
                Arguments.of("s3://bucket/a/../b", IllegalPathException.class),
                Arguments.of("s3://bucket/%2E%2E/b", IllegalPathException.class),
                Arguments.of("s3://bucket/a%2Fb", IllegalPathException.class),
                Arguments.of("s3://bucket/a%5Cb", IllegalPathException.class),
                Arguments.of("s3://bucket/a%00b", IllegalPathException.class),
                Arguments.of("s3://bucket/a%0Ab", IllegalPathException.class),
                Arguments.of("s3://bucket/a%zzb", IllegalPathException.class),
                Arguments.of("s3://bucket/a%C3", IllegalPathException.class),
                Arguments.of("s3://bucket/a%", IllegalPathException.class),
                Arguments.of("s3://bucket/a#frag", InvalidConfigException.class),
                Arguments.of("s3://bucket/a?", null),
                Arguments.of("s3://bucket/a?novalue", InvalidConfigException.class),
                Arguments.of("s3://bucket/a?x=1&x=2", InvalidConfigException.class),
                Arguments.of("s3://bucket/a?=1", InvalidConfigException.class),
                Arguments.of("s3://user:secret@bucket/a", InvalidConfigException.class),
                Arguments.of("s3://bucket:9000/a", InvalidConfigException.class),
                Arguments.of("s3://buc%41ket/a", InvalidConfigException.class),
                Arguments.of("ftp://host/a", InvalidConfigException.class),
                Arguments.of("https://example.com/bucket/a", InvalidConfigException.class),
                Arguments.of("https://storage.googleapis.com/", InvalidConfigException.class),
                Arguments.of("abfss://acct01.dfs.core.windows.net/x", InvalidConfigException.class),
                Arguments.of("abfss://c@acct01.blob.core.windows.net/x", InvalidConfigException.class),
                Arguments.of("file://otherhost/x", InvalidConfigException.class),
                Arguments.of("file:relative/x", InvalidConfigException.class),
                Arguments.of("", InvalidConfigException.class));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void refusesHostileUrlsWithATypedError(String url, Class<? extends RemoteStoreException> expected) {
        if (expected == null) {
            assertEquals(Map.of(), StoreUrl.parse(url).parameters(), "an empty query is no query");
            return;
        }
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> StoreUrl.parse(url));
        assertEquals(expected, e.getClass(), e.getMessage());
    }

    @Test
    void unknownSchemeListsTheSupportedOnes() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> StoreUrl.parse("hdfs://nn/x"));
        assertTrue(e.getMessage().contains("unknown scheme 'hdfs'"), e.getMessage());
        for (String s : new String[] {"s3", "s3a", "gs", "gcs", "az", "azure", "abfss", "file", "memory", "https"}) {
            assertTrue(e.getMessage().contains(s), s + " in " + e.getMessage());
        }
    }

    @Test
    void messagesNeverQuoteQueryValuesOrPasswords() {
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> StoreUrl.parse("https://acct01.blob.core.windows.net/c/x#y?sv=2024&sig=SECRETSIG"));
        assertFalse(e.getMessage().contains("SECRETSIG"), e.getMessage());
        e = assertThrows(RemoteStoreException.class, () -> StoreUrl.parse("s3://AKIA:SECRETPW@bucket/x"));
        assertFalse(e.getMessage().contains("SECRETPW"), e.getMessage());
    }

    @Test
    void httpsRegionMustAgreeWithARegionParameter() {
        assertThrows(InvalidConfigException.class,
                () -> StoreUrl.parse("https://b.s3.eu-west-1.amazonaws.com/k?region=us-east-1"));
        assertEquals("eu-west-1", StoreUrl.parse("https://b.s3.eu-west-1.amazonaws.com/k?region=eu-west-1").parameters().get("region"));
    }
}
