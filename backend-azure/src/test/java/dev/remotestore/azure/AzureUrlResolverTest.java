package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.StoreUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How az:// URLs become azure backend blocks from the Azure variables, with the environment injected. */
class AzureUrlResolverTest {
    private static final String CS = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=S3CRETKEY==;"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
    private final AzureUrlResolver resolver = new AzureUrlResolver();

    private Map<String, Object> resolve(String url, Map<String, String> env) {
        return resolver.resolve(StoreUrl.parse(url), "azure", env::get).options();
    }

    @Test
    void connectionStringGivesAccountAndCredentials() {
        assertEquals(Map.of("account", "devstoreaccount1", "container", "exports", "credentials", Map.of("connection-string", CS)),
                resolve("az://exports/customers.jsonl", Map.of("AZURE_STORAGE_CONNECTION_STRING", CS)));
    }

    @Test
    void accountNameWithAccountKeyOrAccessKeyOrSas() {
        Map<String, Object> withKey = Map.of("account", "acct01", "container", "c", "credentials", Map.of("account-key", "K"));
        assertEquals(withKey, resolve("azure://c/x", Map.of("AZURE_STORAGE_ACCOUNT_NAME", "acct01", "AZURE_STORAGE_ACCOUNT_KEY", "K")));
        assertEquals(withKey, resolve("az://c/x", Map.of("AZURE_STORAGE_ACCOUNT", "acct01", "AZURE_STORAGE_ACCESS_KEY", "K")));
        assertEquals(Map.of("account", "acct01", "container", "c", "credentials", Map.of("sas-token", "sv=1&sig=2")),
                resolve("az://c/x", Map.of("AZURE_STORAGE_ACCOUNT_NAME", "acct01", "AZURE_STORAGE_SAS_TOKEN", "sv=1&sig=2")));
    }

    @Test
    void urlAccountWinsAndAConnectionStringForAnotherAccountIsNotUsed() {
        assertEquals(Map.of("account", "acct02", "container", "c", "credentials", Map.of("account-key", "K2")),
                resolve("abfss://c@acct02.dfs.core.windows.net/x", Map.of("AZURE_STORAGE_CONNECTION_STRING", CS,
                        "AZURE_STORAGE_ACCOUNT_KEY", "K2")));
        assertEquals("acct03", resolve("https://acct03.blob.core.windows.net/c/x",
                Map.of("AZURE_STORAGE_SAS_TOKEN", "t")).get("account"));
    }

    @Test
    void endpointFromParameterOrTheCliVariable() {
        Map<String, String> env = Map.of("AZURE_STORAGE_ACCOUNT_NAME", "devstoreaccount1", "AZURE_STORAGE_ACCOUNT_KEY", "K",
                "AZURE_STORAGE_SERVICE_ENDPOINT", "http://127.0.0.1:10000/devstoreaccount1");
        assertEquals("http://127.0.0.1:10000/devstoreaccount1", resolve("az://c/x", env).get("endpoint"));
        assertEquals("http://h:1/a", resolve("az://c/x?endpoint=http://h:1/a", env).get("endpoint"));
    }

    @Test
    void noAccountSaysWhereItWasLookedFor() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> resolve("az://c/x", Map.of()));
        assertTrue(e.getMessage().contains("AZURE_STORAGE_ACCOUNT_NAME") && e.getMessage().contains("AZURE_STORAGE_CONNECTION_STRING"),
                e.getMessage());
    }

    @Test
    void noCredentialsWithoutIdentityNamesTheVariablesAndNeverTheSecret() {
        if (AzureClients.identityAvailable()) {
            // azure-identity on the class path: DefaultAzureCredential is the answer, no block credentials
            assertFalse(resolve("az://c/x", Map.of("AZURE_STORAGE_ACCOUNT_NAME", "acct01")).containsKey("credentials"));
            return;
        }
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> resolve("abfss://c@acct09.dfs.core.windows.net/x", Map.of("AZURE_STORAGE_CONNECTION_STRING", CS)));
        for (String v : new String[] {"AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_ACCESS_KEY",
                "AZURE_STORAGE_SAS_TOKEN", "azure-identity"}) {
            assertTrue(e.getMessage().contains(v), v + " in " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("S3CRETKEY"), e.getMessage());
    }
}
