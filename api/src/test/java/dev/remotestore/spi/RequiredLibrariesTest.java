package dev.remotestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.remotestore.RemoteStoreException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RequiredLibrariesTest {

    private static RequiredLibraries azureWith(Map<String, String> onClassPath) {
        return RequiredLibraries.of("azure", ga -> Optional.ofNullable(onClassPath.get(ga)),
                "com.azure:azure-core:1.60.0", "com.azure:azure-storage-blob:12.36.0");
    }

    @Test
    void anOlderLibraryFailsNamingTheArtifactAndTheVersionToAdd() {
        RequiredLibraries required = azureWith(Map.of("com.azure:azure-core", "1.27.0", "com.azure:azure-storage-blob", "12.36.0"));
        RemoteStoreException e = assertThrows(RemoteStoreException.class, required::check);
        assertEquals("azure", e.backendType());
        assertTrue(e.getMessage().contains("com.azure:azure-core is 1.27.0, needs 1.60.0 or newer"), e.getMessage());
        assertTrue(e.getMessage().contains("com.azure:azure-core:1.60.0"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.remotestore:remote-store-bom"), e.getMessage());
        assertTrue(!e.getMessage().contains("azure-storage-blob is"), "a recent enough library is not blamed: " + e.getMessage());
    }

    @Test
    void recentOrUnknownVersionsPass() {
        azureWith(Map.of("com.azure:azure-core", "1.61.0", "com.azure:azure-storage-blob", "12.36.0")).check();
        azureWith(Map.of()).check(); // shaded jars without pom.properties are not judged by version
    }

    @Test
    void aLinkageErrorWhileBuildingBecomesARemoteStoreExceptionNamingTheVersions() {
        RequiredLibraries required = azureWith(Map.of());
        RemoteStoreException e = assertThrows(RemoteStoreException.class, () -> required.create(() -> {
            throw new NoClassDefFoundError("com/azure/core/http/HttpHeaderName");
        }));
        assertInstanceOf(NoClassDefFoundError.class, e.getCause());
        assertTrue(e.getMessage().contains("HttpHeaderName"), e.getMessage());
        assertTrue(e.getMessage().contains("com.azure:azure-core:1.60.0, com.azure:azure-storage-blob:12.36.0"), e.getMessage());
    }

    @Test
    void createReturnsWhatTheBuilderBuiltWhenAllIsWell() {
        assertEquals("backend", azureWith(Map.of()).create(() -> "backend"));
    }

    @Test
    void readsTheVersionThatMavenPutInTheJar() {
        // org.slf4j:slf4j-api is on the api's class path at 2.0.17 (remote-store-bom)
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> RequiredLibraries.of("local", Logger.class, "org.slf4j:slf4j-api:99.0.0").check());
        assertTrue(e.getMessage().contains("org.slf4j:slf4j-api is 2.0.17, needs 99.0.0 or newer"), e.getMessage());
        RequiredLibraries.of("local", Logger.class, "org.slf4j:slf4j-api:2.0.17").check();
    }

    @Test
    void aJarWithoutMavenMetadataIsNotJudgedByVersion() {
        // Typesafe Config is built with sbt: no META-INF/maven/.../pom.properties in its jar
        RequiredLibraries.of("local", Config.class, "com.typesafe:config:99.0.0").check();
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(RequiredLibraries.compare("4.1.137.Final", "4.1.138.Final") < 0);
        assertTrue(RequiredLibraries.compare("1.60.0", "1.27.0") > 0);
        assertTrue(RequiredLibraries.compare("1.100.0", "1.60.0") > 0);
        assertEquals(0, RequiredLibraries.compare("2.22", "2.22.0"));
        assertEquals(0, RequiredLibraries.compare("12.0.0-beta.19", "12.0.0-beta.19"));
        assertTrue(RequiredLibraries.compare("12.0.0-beta.1", "12.0.0-beta.19") < 0);
    }
}
