package dev.remotestore.azure;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.StoreUrl;
import dev.remotestore.spi.UrlResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves {@code az://container/key} (and {@code azure://}, {@code abfs[s]://container@account...},
 * {@code https://account.blob.core.windows.net/...}) with {@code type = azure}, following the
 * Azure CLI's and SDKs' variables:
 * <ol>
 *   <li>the account: the URL's, else {@code AZURE_STORAGE_ACCOUNT_NAME} (or {@code AZURE_STORAGE_ACCOUNT}),
 *       else the {@code AccountName} of {@code AZURE_STORAGE_CONNECTION_STRING};</li>
 *   <li>credentials: {@code AZURE_STORAGE_CONNECTION_STRING} when it is for that account, else
 *       {@code AZURE_STORAGE_ACCOUNT_KEY} (or {@code AZURE_STORAGE_ACCESS_KEY}), else
 *       {@code AZURE_STORAGE_SAS_TOKEN}, else {@code DefaultAzureCredential} when azure-identity
 *       is on the class path;</li>
 *   <li>the endpoint: the {@code endpoint} parameter, else {@code AZURE_STORAGE_SERVICE_ENDPOINT}
 *       (the Azure CLI's variable; Azurite and sovereign clouds), else the connection string's,
 *       else {@code https://ACCOUNT.blob.core.windows.net}.</li>
 * </ol>
 */
public final class AzureUrlResolver implements UrlResolver {
    static final String CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
    static final String ACCOUNT_NAME = "AZURE_STORAGE_ACCOUNT_NAME";
    static final String ACCOUNT_NAME_CLI = "AZURE_STORAGE_ACCOUNT";
    static final String ACCOUNT_KEY = "AZURE_STORAGE_ACCOUNT_KEY";
    static final String ACCESS_KEY = "AZURE_STORAGE_ACCESS_KEY";
    static final String SAS_TOKEN = "AZURE_STORAGE_SAS_TOKEN";
    static final String SERVICE_ENDPOINT = "AZURE_STORAGE_SERVICE_ENDPOINT";

    @Override
    public String scheme() {
        return StoreUrl.AZ;
    }

    @Override
    public List<String> types() {
        return List.of(AzureBackend.TYPE);
    }

    @Override
    public Set<String> parameters() {
        return Set.of("endpoint");
    }

    @Override
    public Resolved resolve(StoreUrl url, String type, Function<String, String> environment) {
        String connection = variable(environment, CONNECTION_STRING);
        String connectionAccount = connection == null ? null
                : AzureClients.parseConnectionString(connection).get("AccountName");
        String account = url.account();
        if (account == null) {
            account = first(variable(environment, ACCOUNT_NAME), variable(environment, ACCOUNT_NAME_CLI), connectionAccount);
        }
        if (account == null) {
            throw new InvalidConfigException("url", null, "no storage account for " + url.withoutQuery() + ": name it in the URL"
                    + " (abfss://container@ACCOUNT.dfs.core.windows.net/... or https://ACCOUNT.blob.core.windows.net/...)"
                    + " or set " + ACCOUNT_NAME + " or " + CONNECTION_STRING);
        }
        account = account.toLowerCase(Locale.ROOT);
        Map<String, Object> credentials = new HashMap<>();
        String key = first(variable(environment, ACCOUNT_KEY), variable(environment, ACCESS_KEY), null);
        String sas = variable(environment, SAS_TOKEN);
        if (connection != null && (connectionAccount == null || connectionAccount.equalsIgnoreCase(account))) {
            credentials.put("connection-string", connection);
        } else if (key != null) {
            credentials.put("account-key", key);
        } else if (sas != null) {
            credentials.put("sas-token", sas);
        } else if (!AzureClients.identityAvailable()) {
            throw new InvalidConfigException("url", null, "no credentials for " + url.withoutQuery() + ": looked for "
                    + CONNECTION_STRING + (connection != null ? " (set, but for account " + connectionAccount + ")" : "")
                    + ", " + ACCOUNT_KEY + ", " + ACCESS_KEY + " and " + SAS_TOKEN
                    + "; or add com.azure:azure-identity to use DefaultAzureCredential");
        }
        Map<String, Object> options = new HashMap<>();
        options.put("account", account);
        options.put("container", url.bucket());
        if (!credentials.isEmpty()) {
            options.put("credentials", credentials);
        }
        String endpoint = url.parameters().containsKey("endpoint") ? url.parameters().get("endpoint")
                : variable(environment, SERVICE_ENDPOINT);
        if (endpoint != null) {
            options.put("endpoint", endpoint);
        }
        return new Resolved("az://" + account + "/" + url.bucket(), options);
    }

    private static String variable(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
