package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.cli.TargetSyntax.Kind;
import org.junit.jupiter.api.Test;

/** The TARGET rule of adr/0043, decided from the text alone. */
class TargetSyntaxTest {
    private static void is(Kind kind, String text) {
        assertEquals(kind, TargetSyntax.parse(text).kind(), text);
    }

    @Test
    void urlsByScheme() {
        is(Kind.URL, "s3://bucket/key");
        is(Kind.URL, "gs://bucket/");
        is(Kind.URL, "az://container/a:b");
        is(Kind.URL, "https://acct.blob.core.windows.net/c/k");
        is(Kind.URL, "file:///tmp/x");
        is(Kind.URL, "file:/tmp/x");
        is(Kind.URL, "memory://m/k");
    }

    @Test
    void storeNamesBeforeTheFirstColonWhenNoFolderPrecedesIt() {
        TargetSyntax t = TargetSyntax.parse("data:reports/q1.csv");
        assertEquals(Kind.STORE, t.kind());
        assertEquals("data", t.storeName());
        assertEquals("reports/q1.csv", t.path());
        assertEquals("", TargetSyntax.parse("data:").path());
        assertEquals("x/y", TargetSyntax.parse("data:/x/y").path());
        is(Kind.STORE, "notes:v1.txt");
        is(Kind.STORE, "s3:key");     // no "//": a store that happens to be named s3
    }

    @Test
    void localPathsWindowsDrivesAndColonsAfterAFolder() {
        is(Kind.LOCAL, "report.csv");
        is(Kind.LOCAL, "/abs/a:b");
        is(Kind.LOCAL, "./notes:v1.txt");
        is(Kind.LOCAL, "dir/notes:v1.txt");
        is(Kind.LOCAL, "C:\\data\\x.bin");
        is(Kind.LOCAL, "c:/data/x.bin");
        is(Kind.LOCAL, "C:");
        is(Kind.LOCAL, "C://x");
        is(Kind.LOCAL, "dir\\a:b");
    }

    @Test
    void displayHidesAUrlsQuery() {
        assertEquals("https://a.blob.core.windows.net/c/k?...", TargetSyntax.parse("https://a.blob.core.windows.net/c/k?sig=SECRET").display());
    }
}
