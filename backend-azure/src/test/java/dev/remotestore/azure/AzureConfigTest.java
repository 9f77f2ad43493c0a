package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.spi.BackendSettings;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AzureConfigTest {
    private static final String BASE = "account = myaccount\ncontainer = data\n";
    private static final String KEY_PATH = "remote-store.backends.blob";

    private static BackendSettings settings(String hocon) {
        return BackendSettings.validate("blob", "azure", KEY_PATH,
                ConfigFactory.parseString(hocon, com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("test.conf")),
                new AzureBackendProvider().schema());
    }

    private static AzureConfig parse(String hocon) {
        return AzureConfig.from(settings(hocon));
    }

    private static InvalidConfigException invalid(String hocon) {
        return assertThrows(InvalidConfigException.class, () -> new AzureBackendProvider().validate(settings(hocon)));
    }

    @Test
    void minimalBlockGetsTheDocumentedDefaults() {
        AzureConfig c = parse(BASE);
        assertEquals("data", c.container());
        assertEquals(URI.create("https://myaccount.blob.core.windows.net"), c.endpoint().orElseThrow());
        assertEquals(AzureConfig.CredentialKind.DEFAULT_CHAIN, c.credentialKind());
        assertEquals(4, c.maxAttempts());
        assertEquals(8L * 1024 * 1024, c.blockSize());
        assertEquals(16, c.maxConcurrency());
        assertEquals(128L * 1024 * 1024, c.memoryBudget());
        assertEquals(15, c.partedWriteLimits().window(), "the budget's 16 blocks: one filling, 15 in flight");
    }

    @Test
    void everyKeyIsRead() {
        AzureConfig c = parse(BASE + "endpoint = \"http://127.0.0.1:10000/devstoreaccount1\"\n"
                + "credentials { account-key = \"a2V5\" }\nretry { max-attempts = 7 }\nblock-size = 1MiB\nmax-concurrency = 3\n");
        assertEquals(URI.create("http://127.0.0.1:10000/devstoreaccount1"), c.endpoint().orElseThrow());
        assertEquals(AzureConfig.CredentialKind.ACCOUNT_KEY, c.credentialKind());
        assertEquals(7, c.maxAttempts());
        assertEquals(1024 * 1024, c.blockSize());
        assertEquals(3, c.maxConcurrency());
        assertEquals(3, c.partedWriteLimits().window(), "max-concurrency caps the window below the budget's");
        assertEquals(32L * 1024 * 1024, parse(BASE + "memory-budget = 32MiB").memoryBudget());
        assertEquals(AzureConfig.CredentialKind.SAS_TOKEN, parse(BASE + "credentials.sas-token = \"sv=x&sig=y\"").credentialKind());
        assertEquals(AzureConfig.CredentialKind.CONNECTION_STRING,
                parse(BASE + "credentials.connection-string = \"AccountName=a;AccountKey=a2V5\"").credentialKind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "container = data                                   | remote-store.backends.blob.account | missing required key",
        "account = myaccount                                | remote-store.backends.blob.container | missing required key",
        "account = My_Account, container = data             | remote-store.backends.blob.account | storage account name",
        "account = myaccount, container = Data_1            | remote-store.backends.blob.container | lower-case",
        "account = myaccount, container = data, endpoint = \"ftp://x\" | remote-store.backends.blob.endpoint | http(s) URL",
        "account = myaccount, container = data, endpoint = \"https://h/?sv=1\" | remote-store.backends.blob.endpoint | query",
        "account = myaccount, container = data, credentials { account-key = k, sas-token = s } | remote-store.backends.blob.credentials.sas-token | only one",
        "account = myaccount, container = data, credentials { account-key = \"\" } | remote-store.backends.blob.credentials.account-key | empty",
        "account = myaccount, container = data, credentials { connection-string = nonsense } | remote-store.backends.blob.credentials.connection-string | key=value",
        "account = myaccount, container = data, credentials { password = p } | remote-store.backends.blob.credentials.password | unknown key",
        "account = myaccount, container = data, retry { max-attempts = 0 } | remote-store.backends.blob.retry.max-attempts | at least 1",
        "account = myaccount, container = data, retry { max-attempts = many } | remote-store.backends.blob.retry.max-attempts | integer",
        "account = myaccount, container = data, block-size = 1KiB | remote-store.backends.blob.block-size | 64KiB",
        "account = myaccount, container = data, block-size = 5000MiB | remote-store.backends.blob.block-size | 4000MiB",
        "account = myaccount, container = data, block-size = big | remote-store.backends.blob.block-size | size",
        "account = myaccount, container = data, max-concurrency = 0 | remote-store.backends.blob.max-concurrency | at least 1",
        "account = myaccount, container = data, region = x | remote-store.backends.blob.region | unknown key",
    })
    void invalidValuesNameTheKeyAndWhereItWasSet(String hocon, String key, String detail) {
        InvalidConfigException e = invalid(hocon.replace(", ", "\n"));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.origin() != null && e.origin().contains("test.conf"), "origin: " + e.origin());
    }

    @Test
    void secretsAreMaskedEverywhere() {
        String hocon = BASE + "credentials { connection-string = \"AccountName=a;AccountKey=TOPSECRETKEY\" }";
        BackendSettings s = settings(hocon);
        assertFalse(s.toString().contains("TOPSECRET"), s.toString());
        assertFalse(AzureConfig.from(s).toString().contains("TOPSECRET"));
        assertFalse(parse(BASE + "credentials.account-key = TOPSECRETKEY").toString().contains("TOPSECRET"));
        assertFalse(parse(BASE + "credentials.sas-token = \"sv=1&sig=TOPSECRET\"").toString().contains("TOPSECRET"));
        InvalidConfigException e = invalid(BASE + "credentials { account-key = TOPSECRET, sas-token = TOPSECRET }");
        assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());
        assertTrue(new AzureBackendProvider().schema().key("credentials").orElseThrow().nested().isSecret("account-key"));
    }

    @Test
    void withoutCredentialsTheDefaultChainIsBuiltFromAzureIdentity() {
        // azure-identity is an optional dependency, on the test class path
        assertEquals("DefaultAzureCredential", AzureClients.defaultCredential().getClass().getSimpleName());
    }

    @Test
    void withoutAzureIdentityTheErrorSaysWhatToAdd() {
        RemoteStoreException e = assertThrows(RemoteStoreException.class,
                () -> AzureClients.defaultCredential("com.example.NoSuchCredentialBuilder"));
        assertTrue(e.getMessage().contains("com.azure:azure-identity"), e.getMessage());
        assertTrue(e.getMessage().contains("credentials.account-key"), e.getMessage());
    }

    @Test
    void builderRefusesTwoCredentials() {
        assertThrows(IllegalArgumentException.class, () -> AzureConfig.builder().account("a").container("c")
                .accountKey(new dev.remotestore.spi.Secret("k")).sasToken(new dev.remotestore.spi.Secret("s")).build());
    }
}
