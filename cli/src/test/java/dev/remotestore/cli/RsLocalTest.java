package dev.remotestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rs on local paths, where no server is needed: the TARGET rule, usage errors and help. */
class RsLocalTest {
    @TempDir
    Path work;

    @Test
    void localFilesCopyListStatAndRefusePresigning() throws Exception {
        RsRun rs = new RsRun().in(work);
        RsRun.write(work.resolve("a.txt"), "alpha\n".getBytes());
        rs.run("cp", "a.txt", "dir/").expect(0);
        assertEquals("alpha\n", Files.readString(work.resolve("dir/a.txt")));
        assertEquals(List.of("{\"path\":\"a.txt\",\"type\":\"file\",\"size\":6,"), List.of(
                rs.run("ls", "--json", "dir").expect(0).stdout().strip().replaceAll("\"lastModified.*", "")));
        assertTrue(rs.run("stat", "dir/a.txt").expect(0).lines().contains("size: 6"));
        rs.run("presign", "dir/a.txt").expect(ExitCodes.NOT_SUPPORTED);
        rs.run("rm", "dir").expect(ExitCodes.USAGE);
        rs.run("rm", "-r", "dir").expect(0);
        assertTrue(Files.notExists(work.resolve("dir/a.txt")));
    }

    @Test
    void aColonAfterTwoCharactersNamesAStoreUnlessAFolderComesFirst() throws Exception {
        RsRun rs = new RsRun().in(work);
        RsRun.write(work.resolve("a.txt"), "alpha\n".getBytes());
        RsRun.Result asStore = rs.run("cp", "a.txt", "notes:v1.txt").expect(ExitCodes.NOT_FOUND);
        assertTrue(asStore.stderr().contains("no store named 'notes'"), asStore.stderr());
        rs.run("cp", "a.txt", "./notes:v1.txt").expect(0);
        assertEquals("alpha\n", Files.readString(work.resolve("notes:v1.txt")));
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        RsRun.Result r = new RsRun().in(work).run("cp", "only-one");
        r.expect(ExitCodes.USAGE);
        assertTrue(r.stderr().contains("Missing required parameter: 'DST'"), r.stderr());
        assertTrue(r.stderr().contains("Usage: rs cp"), r.stderr());
        RsRun.Result config = new RsRun().in(work).run("ls", "--config=" + work.resolve("missing.conf"), "st:");
        assertTrue(config.expect(ExitCodes.USAGE).stderr().startsWith("rs ls: cannot read --config"), config.stderr());
    }

    /** The jar merges every backend's service file, so each type is found (gcs has no server here to run against). */
    @Test
    void theJarServesEveryBackendTypeAndUrlScheme() throws Exception {
        Path jar;
        try (var files = Files.list(RsRun.LAUNCHER.getParent())) {
            jar = files.filter(f -> f.getFileName().toString().matches("remote-store-cli-.*\\.jar")
                    && !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).findFirst().orElseThrow();
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            String providers = new String(zip.getInputStream(zip.getEntry("META-INF/services/dev.remotestore.spi.BackendProvider"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String p : List.of("local.LocalBackendProvider", "local.MemoryBackendProvider", "s3.S3BackendProvider",
                    "s3crt.S3CrtBackendProvider", "gcs.GcsBackendProvider", "azure.AzureBackendProvider")) {
                assertTrue(providers.contains("dev.remotestore." + p), p + " in " + providers);
            }
            String resolvers = new String(zip.getInputStream(zip.getEntry("META-INF/services/dev.remotestore.spi.UrlResolver"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(5, resolvers.lines().filter(l -> l.startsWith("dev.remotestore.")).count(), resolvers);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "cat", "stat", "cp", "mv", "rm", "sync", "presign"})
    void everyCommandHasHelp(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Rs.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: rs " + command + " "), help);
        assertTrue(help.contains("--json") && help.contains("--config=FILE") && help.contains("--[no-]progress"), help);
    }
}
