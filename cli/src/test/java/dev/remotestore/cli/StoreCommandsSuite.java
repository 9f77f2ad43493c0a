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
        String[] withConfig = new String[args.length + 1];
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

    // ---- every file command, in one pass: each run of rs is a JVM start, so they are few -------

    @Test
    void everyFileCommandKeepsTheBytesAndFailuresExitWithTheirCode() throws Exception {
        byte[] data = RsRun.randomBytes(1024 * 1024 + 1, 1);
        Path source = RsRun.write(work.resolve("in/a.bin"), data);
        // upload through the URL form: the configured store sees the same file
        String up = rs("cp", "--json", source.toString(), url(root, "dir/")).expect(0).stdout();
        assertEquals(data.length, jsonNumber(up, "bytesCopied"), up);

        assertOneLineNaming(rs("cp", source.toString(), "st:dir/a.bin").expect(ExitCodes.ALREADY_EXISTS), "Already exists", "st/dir/a.bin");

        rs("cp", "st:dir/a.bin", "st:dir/b.bin").expect(0);                        // store to store
        rs("mv", "st:dir/b.bin", "st:dir/c.bin").expect(0);
        rs("cp", "st:dir/c.bin", work.resolve("out/back.bin").toString()).expect(0); // download
        assertEquals(RsRun.sha(data), RsRun.sha(work.resolve("out/back.bin")), "local -> store -> store -> local");
        assertArrayEquals(data, rs("cat", "st:dir/a.bin").expect(0).stdoutBytes(), "the refused writes left the file alone");

        String stat = rs("stat", "--json", "st:dir/c.bin").expect(0).stdout();
        assertEquals(data.length, jsonNumber(stat, "size"), stat);
        assertEquals("dir/c.bin", jsonString(stat, "path"));
        assertFalse(jsonString(stat, "etag").isEmpty(), stat);

        List<String> ls = rs("ls", "-l", "st:dir").expect(0).lines();
        assertEquals(2, ls.size(), ls.toString());
        assertTrue(ls.get(0).matches("\\s*1048577  \\S+  a\\.bin"), ls.get(0));
        assertTrue(ls.get(1).endsWith("  c.bin"), ls.get(1));
        assertEquals(List.of("{\"path\":\"dir/\",\"type\":\"folder\"}"), rs("ls", "--json", "st:").expect(0).lines());

        String presigned = rs("presign", "--json", "--expires", "5m", "st:dir/c.bin").expect(0).stdout();
        assertEquals(300, jsonNumber(presigned, "expiresInSeconds"));
        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jsonString(presigned, "url")))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(data, got.body());

        rs("rm", "st:dir/a.bin", "st:dir/c.bin").expect(0);
        assertOneLineNaming(rs("stat", "st:dir/a.bin").expect(ExitCodes.NOT_FOUND), "Not found", "st/dir/a.bin");
    }

    @Test
    void compareAndSwapUploadWithAStaleEtagExitsPreconditionFailed() throws Exception {
        checkCompareAndSwapUpload();
    }

    final void checkCompareAndSwapUpload() throws Exception {
        Path source = RsRun.write(work.resolve("cas.txt"), "first\n".getBytes());
        rs("cp", source.toString(), "st:cas.txt").expect(0);
        Files.writeString(source, "second\n");
        assertOneLineNaming(rs("cp", "--if-match", "\"not-the-etag\"", source.toString(), "st:cas.txt")
                .expect(ExitCodes.PRECONDITION_FAILED), "Precondition failed", "st/cas.txt");
        assertEquals("first\n", rs("cat", "st:cas.txt").expect(0).stdout(), "the refused write left the file alone");
    }

    static void assertOneLineNaming(RsRun.Result r, String headline, String where) {
        String err = r.stderr().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("rs " + r.args().get(0) + ": " + headline + ": " + where), err);
        assertTrue(r.stdout().isEmpty(), r.stdout());
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
        assertFalse(Files.exists(back.resolve("d1/f1.bin")), "deleted from the store by sync --delete");

        assertEquals(5, jsonNumber(rs("rm", "-r", "--json", "st:tree").expect(0).stdout(), "filesDeleted"));
        rs("ls", "st:tree").expect(ExitCodes.NOT_FOUND);
    }
}
