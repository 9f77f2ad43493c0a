package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code rs} command against one kind of store, run as a separate process with a
 * {@code --config} file naming the store {@code st}. Subclasses give the backend block (a server
 * started once per class) and, for the URL test, a URL of the same folder and the environment
 * that reaches it.
 */
abstract class StoreCommandsSuite {
    @TempDir
    Path work;

    Path config;
    RsRun rs;

    /** The HOCON of backend {@code b}: {@code type = ...} and its keys. */
    abstract String backendBlock();

    /** A folder of the store that no other test of this JVM uses. */
    abstract String uniqueRoot(String label);

    /** The URL of {@code path} under the store's root folder {@code root}. */
    abstract String url(String root, String path);

    /** The environment variables through which the URL's backend finds the server and credentials. */
    abstract RsRun withUrlEnvironment(RsRun run);

    /** Extra stores for the subclass's own tests, HOCON inside {@code stores { }}. */
    String extraStores() {
        return "";
    }

    /** Extra backends, HOCON inside {@code backends { }}. */
    String extraBackends() {
        return "";
    }

    /** Extra HOCON inside {@code remote-store { }}, e.g. {@code url-defaults}. */
    String extraTopLevel() {
        return "";
    }

    private String root;

    @BeforeEach
    void writeConfig() throws IOException {
        root = uniqueRoot(getClass().getSimpleName());
        config = work.resolve("rs.conf");
        Files.writeString(config, "remote-store {\n  backends {\n    b { " + backendBlock() + " }\n" + extraBackends()
                + "\n  }\n  stores {\n    st { backend = b, root-path = \"" + root + "\" }\n" + extraStores() + "\n  }\n"
                + extraTopLevel() + "\n}\n");
        rs = withUrlEnvironment(new RsRun().in(work));
    }

    RsRun.Result rs(String... args) {
        String[] withConfig = new String[args.length + 2];
        withConfig[0] = args[0];
        withConfig[1] = "--config=" + config;
        System.arraycopy(args, 1, withConfig, 2, args.length - 1);
        return rs.run(withConfig);
    }

    static long jsonNumber(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9]+)").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }

    static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    // ---- one file: upload, server-side copy, download, cat, stat, ls ---------------------------

    @Test
    void uploadCopyDownloadCatAndStatKeepTheBytes() throws Exception {
        byte[] data = RsRun.randomBytes(1024 * 1024 + 1, 1);
        Path source = RsRun.write(work.resolve("in/a.bin"), data);
        String up = rs("cp", "--json", source.toString(), "st:dir/").expect(0).stdout();
        assertEquals(data.length, jsonNumber(up, "bytesCopied"), up);
        rs("cp", "st:dir/a.bin", "st:dir/b.bin").expect(0);
        rs("cp", "st:dir/b.bin", work.resolve("out/back.bin").toString()).expect(0);
        assertEquals(RsRun.sha(data), RsRun.sha(work.resolve("out/back.bin")), "local -> store -> store -> local");
        assertArrayEquals(data, rs("cat", "st:dir/a.bin").expect(0).stdoutBytes());

        String stat = rs("stat", "--json", "st:dir/b.bin").expect(0).stdout();
        assertEquals(data.length, jsonNumber(stat, "size"), stat);
        assertEquals("dir/b.bin", jsonString(stat, "path"));
        assertFalse(jsonString(stat, "etag").isEmpty(), stat);

        List<String> ls = rs("ls", "-l", "st:dir").expect(0).lines();
        assertEquals(2, ls.size(), ls.toString());
        assertTrue(ls.get(0).matches("\\s*1048577  \\S+  a\\.bin"), ls.get(0));
        assertTrue(ls.get(1).endsWith("  b.bin"), ls.get(1));
        List<String> json = rs("ls", "--json", "st:").expect(0).lines();
        assertEquals(List.of("{\"path\":\"dir/\",\"type\":\"folder\"}"), json);
    }

    // ---- errors: one line naming store and path, a distinct exit code each ---------------------

    @Test
    void failuresExitWithTheirCodeAndOneLineNamingStoreAndPath() throws Exception {
        Path source = RsRun.write(work.resolve("e.txt"), "first\n".getBytes());
        rs("cp", source.toString(), "st:e/e.txt").expect(0);

        RsRun.Result exists = rs("cp", source.toString(), "st:e/e.txt").expect(ExitCodes.ALREADY_EXISTS);
        assertOneLineNaming(exists, "Already exists", "st/e/e.txt");
        RsRun.Result cas = rs("cp", "--if-match", "\"not-the-etag\"", source.toString(), "st:e/e.txt").expect(ExitCodes.PRECONDITION_FAILED);
        assertOneLineNaming(cas, "Precondition failed", "st/e/e.txt");
        assertOneLineNaming(rs("stat", "st:e/missing.txt").expect(ExitCodes.NOT_FOUND), "Not found", "st/e/missing.txt");
        assertOneLineNaming(rs("cat", "st:e/missing.txt").expect(ExitCodes.NOT_FOUND), "Not found", "st/e/missing.txt");
        assertEquals("first\n", rs("cat", "st:e/e.txt").expect(0).stdout(), "the refused writes left the file alone");
        assertTrue(rs("ls", "st:../x").expect(ExitCodes.USAGE).stderr().contains("Illegal path"));
    }

    static void assertOneLineNaming(RsRun.Result r, String headline, String where) {
        String err = r.stderr().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("rs " + r.args().get(0) + ": " + headline + ": " + where), err);
        assertTrue(r.stdout().isEmpty(), r.stdout());
    }

    // ---- mv and rm -----------------------------------------------------------------------------

    @Test
    void moveThenRemove() throws Exception {
        Path source = RsRun.write(work.resolve("m.txt"), "move me\n".getBytes());
        rs("mv", source.toString(), "st:m/a.txt").expect(0);
        assertFalse(Files.exists(source), "a local source is gone after mv");
        rs("mv", "st:m/a.txt", "st:m/b.txt").expect(0);
        rs("stat", "st:m/a.txt").expect(ExitCodes.NOT_FOUND);
        assertEquals("move me\n", rs("cat", "st:m/b.txt").expect(0).stdout());
        rs("rm", "st:m/b.txt").expect(0);
        rs("rm", "st:m/b.txt").expect(ExitCodes.NOT_FOUND);
    }

    // ---- folders: cp -r, sync --delete, rm -r ----------------------------------------------------

    @Test
    void folderCopySyncWithDeleteAndRecursiveRemove() throws Exception {
        Path tree = work.resolve("tree");
        for (int i = 0; i < 5; i++) {
            RsRun.write(tree.resolve("d" + (i % 2) + "/f" + i + ".bin"), RsRun.randomBytes(1000 + i, i));
        }
        String copied = rs("cp", "-r", "--json", tree.toString(), "st:tree").expect(0).stdout();
        assertEquals(5, jsonNumber(copied, "filesCopied"), copied);
        assertEquals(5 * 1000 + 10, jsonNumber(copied, "bytesCopied"), copied);

        RsRun.write(tree.resolve("d0/f0.bin"), RsRun.randomBytes(2000, 99)); // changed (size)
        RsRun.write(tree.resolve("new.bin"), RsRun.randomBytes(10, 98));     // missing there
        Files.delete(tree.resolve("d1/f1.bin"));                            // extra there
        String sync = rs("sync", "--delete", "--json", tree.toString(), "st:tree").expect(0).stdout();
        assertEquals(2, jsonNumber(sync, "filesCopied"), sync);
        assertEquals(3, jsonNumber(sync, "filesSkipped"), sync);
        assertEquals(1, jsonNumber(sync, "filesDeleted"), sync);

        Path back = work.resolve("back");
        String down = rs("sync", "--json", "st:tree", back.toString()).expect(0).stdout();
        assertEquals(5, jsonNumber(down, "filesCopied"), down);
        try (var files = Files.walk(tree)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertEquals(RsRun.sha(f), RsRun.sha(back.resolve(tree.relativize(f))), f.toString());
            }
        }
        assertFalse(Files.exists(back.resolve("d1/f1.bin")));
        List<String> listed = rs("ls", "-r", "st:tree").expect(0).lines().stream().sorted().toList();
        assertEquals(List.of("d0/f0.bin", "d0/f2.bin", "d0/f4.bin", "d1/f3.bin", "new.bin"), listed);

        assertEquals(5, jsonNumber(rs("rm", "-r", "--json", "st:tree").expect(0).stdout(), "filesDeleted"));
        rs("ls", "st:tree").expect(ExitCodes.NOT_FOUND);
    }

    // ---- URLs reach the same files as the configured store ------------------------------------

    @Test
    void urlTargetReachesTheConfiguredStoresFiles() throws Exception {
        Path source = RsRun.write(work.resolve("u.bin"), RsRun.randomBytes(70_000, 7));
        rs("cp", source.toString(), url(root, "via-url/")).expect(0);
        String stat = rs("stat", "--json", "st:via-url/u.bin").expect(0).stdout();
        assertEquals(70_000, jsonNumber(stat, "size"));
        List<String> ls = rs("ls", url(root, "via-url/")).expect(0).lines();
        assertEquals(List.of("u.bin"), ls);
    }

    // ---- presign -------------------------------------------------------------------------------

    @Test
    void presignedUrlServesTheFile() throws Exception {
        byte[] data = RsRun.randomBytes(5000, 3);
        rs("cp", RsRun.write(work.resolve("p.bin"), data).toString(), "st:p.bin").expect(0);
        String json = rs("presign", "--json", "--expires", "5m", "st:p.bin").expect(0).stdout();
        assertEquals(300, jsonNumber(json, "expiresInSeconds"));
        URI url = URI.create(jsonString(json, "url"));
        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(data, got.body());
    }
}
