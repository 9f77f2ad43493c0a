package dev.remotestore.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotestore.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published artifacts as a user gets them (adr/0027): {@code src/consumer} holds, for each
 * backend, a small application with the BOM ({@code app-<type>-bom}) and one without it
 * ({@code app-<type>}), one with all five backends and the BOM, and a third-party backend that
 * runs the contract suite. They are built once, offline, from the throwaway repository that
 * invoker:install filled before this test; here each app runs against the servers the backend
 * tests use (a folder, S3Proxy in this JVM, Azurite from npm, google-cloud-nio's fake).
 */
class ConsumerCheckTest {
    private static final List<String> BACKENDS = List.of("local", "s3", "s3-crt", "gcs", "azure");
    private static final List<String> OUR_ARTIFACTS = List.of("remote-store-parent", "remote-store-bom", "remote-store-api",
            "remote-store-backend-local", "remote-store-backend-s3", "remote-store-backend-s3-crt",
            "remote-store-backend-gcs", "remote-store-backend-azure");

    private static ConsumerBuild build;
    private static LocalAzurite azurite;
    private static boolean azuriteChecked;
    private static Exception azuriteFailure;

    @BeforeAll
    static void buildConsumerApps() throws Exception {
        build = ConsumerBuild.run();
    }

    @AfterAll
    static void stopAzurite() throws InterruptedException {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void everyPublishedArtifactWasInstalledFromThisBuild() {
        String version = ConsumerBuild.required("rs.version");
        for (String artifact : OUR_ARTIFACTS) {
            Path dir = build.repository.resolve("dev/remotestore").resolve(artifact).resolve(version);
            assertTrue(Files.isRegularFile(dir.resolve(artifact + "-" + version + ".pom")),
                    artifact + " is not in the throwaway repository " + build.repository
                            + ": the consumer build would have read a stale copy from the user's repository");
        }
        assertTrue(Files.isRegularFile(build.repository.resolve("dev/remotestore/remote-store-api/" + version
                + "/remote-store-api-" + version + "-tests.jar")), "the api test-jar (contract suite) is not installed");
    }

    /** What install publishes for each jar module: the jar, its -sources.jar and -javadoc.jar. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api", "backend-local", "backend-s3", "backend-s3-crt", "backend-gcs", "backend-azure"})
    void everyPublishedJarHasItsSourcesAndJavadoc(String module) throws IOException {
        String version = ConsumerBuild.required("rs.version");
        Path target = Path.of(ConsumerBuild.required("rs.root"), module, ConsumerBuild.required("rs.build.dir"));
        String base = "remote-store-" + module + "-" + version;
        for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
            Path jar = target.resolve(base + suffix);
            assertTrue(Files.isRegularFile(jar) && Files.size(jar) > 1000, "missing or empty: " + jar);
        }
        try (java.util.zip.ZipFile javadoc = new java.util.zip.ZipFile(target.resolve(base + "-javadoc.jar").toFile())) {
            assertTrue(javadoc.getEntry("index.html") != null, "no index.html in the javadoc jar of " + module);
        }
        try (java.util.zip.ZipFile sources = new java.util.zip.ZipFile(target.resolve(base + "-sources.jar").toFile())) {
            assertTrue(sources.stream().anyMatch(e -> e.getName().endsWith(".java")), "no .java in the sources jar of " + module);
        }
    }

    @Test
    void consumerBuildPassesOfflineWithEveryBomAppConverging() {
        assertBuilt();
        Matcher passed = Pattern.compile("(?m)^\\[INFO\\] Rule 0: org\\.apache\\.maven\\.enforcer\\.rules\\.dependency\\.DependencyConvergence passed$")
                .matcher(build.log);
        int rules = 0;
        while (passed.find()) {
            rules++;
        }
        assertEquals(BACKENDS.size() + 1, rules,
                "dependencyConvergence must have run and passed in each app-*-bom module and in app-all-backends-bom");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "s3", "s3-crt", "gcs", "azure"})
    void appWithTheBomWritesReadsAndListsWithoutWarnings(String backend) throws Exception {
        runApp("app-" + backend + "-bom", backend);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "s3", "s3-crt", "gcs", "azure"})
    void appWithoutTheBomWritesReadsAndListsWithoutWarnings(String backend) throws Exception {
        runApp("app-" + backend, backend);
    }

    /**
     * Without the BOM, Maven's nearest-wins must pick exactly what the BOM pins: the backends'
     * own POMs declare the libraries whose mediation would otherwise go wrong.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "s3", "s3-crt", "gcs", "azure"})
    void withoutTheBomTheClassPathIsTheOneTheBomGives(String backend) throws IOException {
        assertBuilt();
        List<String> withBom = build.runtimeArtifacts("app-" + backend + "-bom");
        List<String> withoutBom = build.runtimeArtifacts("app-" + backend);
        assertTrue(withBom.size() > 3, "no run-time artifacts read for app-" + backend + "-bom: " + withBom);
        List<String> onlyWith = new ArrayList<>(withBom);
        onlyWith.removeAll(withoutBom);
        List<String> onlyWithout = new ArrayList<>(withoutBom);
        onlyWithout.removeAll(withBom);
        assertEquals(List.of(), onlyWithout, "without the BOM, " + backend + " resolves these instead of " + onlyWith);
        assertEquals(List.of(), onlyWith, "with the BOM only");
    }

    /**
     * An application whose own POM pins an old azure-core (Maven's nearest wins): the first
     * getStore fails with a RemoteStoreException naming the artifact and the version to add.
     */
    @Test
    void tooOldAzureSdkFailsAtStartUpNamingTheVersionToAdd() throws Exception {
        assertBuilt();
        String module = "app-azure-old-sdk";
        assertTrue(build.runtimeArtifacts(module).contains("com.azure:azure-core:jar:1.27.0"),
                "the app must really resolve the old azure-core: " + build.runtimeArtifacts(module));
        Path config = build.module(module).resolve("target/remote-store.conf");
        Files.writeString(config, """
                remote-store {
                  backends.blobs { type = azure, account = %s, container = consumer, endpoint = "http://127.0.0.1:9/%s",
                                   credentials.account-key = "%s" }
                  stores.data { backend = blobs }
                }
                """.formatted(LocalAzurite.ACCOUNT, LocalAzurite.ACCOUNT, LocalAzurite.KEY));
        AppRun run = AppRun.start(module, build.classPath(module), "example.consumer.ConsumerApp", build.module(module), config.toString());
        assertTrue(run.exitCode() != 0, "an azure-core older than required must not pass:\n" + run.output());
        assertTrue(run.output().contains("dev.remotestore.RemoteStoreException"), run.output());
        assertTrue(run.output().contains("com.azure:azure-core is 1.27.0, needs 1.60.0 or newer"), run.output());
        assertTrue(run.output().contains("com.azure:azure-core:1.60.0"), run.output());
        assertEquals(List.of(), run.output().lines().filter(l -> l.contains("LinkageError") || l.contains("NoClassDefFoundError")
                || l.contains("NoSuchMethodError")).toList(), "a linkage error escaped:\n" + run.output());
    }

    @Test
    void thirdPartyBackendPassesTheContractSuiteOutsideTheReactor() throws IOException {
        assertBuilt();
        Path report = build.module("example-backend")
                .resolve("target/surefire-reports/TEST-com.example.rsmap.ExampleMapStoreContractTest.xml");
        assertTrue(Files.isRegularFile(report), "the example backend's contract suite did not run: no " + report);
        String head = Files.readString(report);
        Matcher m = Pattern.compile("<testsuite [^>]*tests=\"(\\d+)\"[^>]*errors=\"(\\d+)\"[^>]*skipped=\"(\\d+)\"[^>]*failures=\"(\\d+)\"")
                .matcher(head);
        assertTrue(m.find(), "unreadable surefire report " + report);
        int tests = Integer.parseInt(m.group(1));
        assertTrue(tests >= 100, "the contract suite ran only " + tests + " tests");
        assertEquals("0", m.group(2), "errors in the example backend's contract suite");
        assertEquals("0", m.group(4), "failures in the example backend's contract suite");
    }

    private static void assertBuilt() {
        if (build.exitCode != 0) {
            fail("the consumer build failed (exit " + build.exitCode + "; log " + build.work.resolve("build.log") + "):\n"
                    + build.errors());
        }
    }

    private static void runApp(String module, String backend) throws Exception {
        assertBuilt();
        Path config = build.module(module).resolve("target/remote-store.conf");
        String main = "example.consumer.ConsumerApp";
        switch (backend) {
            case "local" -> Files.writeString(config, """
                    remote-store {
                      backends.disk { type = local, root = "%s" }
                      stores.data { backend = disk }
                    }
                    """.formatted(build.module(module).resolve("target/local-root")));
            case "s3", "s3-crt" -> {
                S3ProxyServer s3 = S3ProxyServer.shared();
                Files.writeString(config, """
                        remote-store {
                          backends.lake {
                            type = %s, bucket = "%s", region = %s, endpoint = "%s", path-style = true
                            credentials { access-key-id = "%s", secret-access-key = "%s" }
                            %s
                          }
                          stores.data { backend = lake, root-path = "%s" }
                        }
                        """.formatted(backend, s3.bucket(), S3ProxyServer.REGION, s3.endpoint(), S3ProxyServer.ACCESS_KEY,
                        S3ProxyServer.SECRET_KEY, backend.equals("s3-crt") ? "crt.drop-expect-continue = true" : "",
                        S3ProxyServer.uniquePrefix(module)));
            }
            case "azure" -> Files.writeString(config, """
                    remote-store {
                      backends.blobs { type = azure, account = %s, container = consumer, endpoint = "%s",
                                       credentials.account-key = "%s" }
                      stores.data { backend = blobs, root-path = "%s" }
                    }
                    """.formatted(LocalAzurite.ACCOUNT, azurite().endpoint, LocalAzurite.KEY, module));
            case "gcs" -> main = "example.consumer.GcsConsumerApp";
            default -> throw new IllegalArgumentException(backend);
        }
        AppRun run = AppRun.start(module, build.classPath(module), main, build.module(module), config.toString());
        System.err.println("[consumer-check] " + module + ": exit " + run.exitCode() + " after " + run.millis() + " ms");
        assertEquals(0, run.exitCode(), module + " failed:\n" + run.output());
        assertEquals(List.of(), run.problems(), module + " logged warnings or errors:\n" + run.output());
        String type = backend;
        assertTrue(run.output().lines().anyMatch(l -> l.equals("CONSUMER-APP-OK " + type)), module + " did not finish:\n" + run.output());
    }

    private static synchronized LocalAzurite azurite() throws Exception {
        if (!azuriteChecked) {
            azuriteChecked = true;
            try {
                azurite = LocalAzurite.startOrNull(Path.of(ConsumerBuild.required("rs.azurite.dir")));
            } catch (Exception e) {
                azuriteFailure = e;
            }
        }
        if (azuriteFailure != null) {
            throw new IllegalStateException("Azurite did not start", azuriteFailure);
        }
        if (azurite == null) {
            String reason = "Node.js and npm are not installed, so Azurite cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            Assumptions.abort(reason + ": the azure consumer apps are skipped");
        }
        return azurite;
    }
}
