package dev.remotestore;

import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.spi.BackendSettings;
import dev.remotestore.spi.ConfigSchema;
import dev.remotestore.spi.Secret;
import dev.remotestore.testing.RecordingBackendProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secret values never show in a representation or a message. */
class SecretMaskingTest {

    /** Each credential-like key of the test backend's schema, with a value no other text contains. */
    private static final Map<String, String> SECRETS = Map.of(
            "secret-key", "value-of-secret-key-7f3a",
            "password", "value-of-password-91bc",
            "token", "value-of-token-c02d",
            "connection-string", "AccountName=acct;AccountKey=value-of-connection-string-5e1f",
            "sas-token", "sv=2024&sig=value-of-sas-token-a4b8",
            "account-key", "value-of-account-key-33d9");

    private static String hocon(String tag) {
        StringBuilder sb = new StringBuilder("remote-store {\n  backends {\n    main {\n")
                .append("      type = test-recording\n")
                .append("      name-tag = \"").append(tag).append("\"\n");
        SECRETS.forEach((k, v) -> sb.append("      ").append(k).append(" = \"").append(v).append("\"\n"));
        return sb.append("    }\n  }\n  stores { data { backend = main } }\n}\n").toString();
    }

    private static void assertNoSecretIn(String text) {
        SECRETS.forEach((key, value) ->
                assertFalse(text.contains(value), "the value of " + key + " leaked into: " + text));
    }

    @Test
    void secretToStringIsMasked() {
        Secret secret = new Secret("value-of-secret-key-7f3a");
        assertEquals("****", secret.toString());
        assertEquals("value-of-secret-key-7f3a", secret.reveal());
        assertEquals(new Secret("value-of-secret-key-7f3a"), secret);
    }

    @Test
    void backendConfigAndRegistryConfigMaskCredentialValues() {
        String tag = uniqueTag("mask");
        RegistryConfig config = RegistryConfig.fromConfig(ConfigFactory.parseString(hocon(tag)));
        String backend = config.backends().get("main").toString();
        assertNoSecretIn(backend);
        assertTrue(backend.contains(tag), "non-secret values are shown: " + backend);
        SECRETS.keySet().forEach(k -> assertTrue(backend.contains(k + "=****"), k + " masked in " + backend));
        assertNoSecretIn(config.toString());
    }

    @Test
    void backendSettingsAndRegistryMaskCredentialValues() {
        String tag = uniqueTag("mask");
        try (Registry registry = Registry.fromHocon(hocon(tag))) {
            registry.getStore("data");
            BackendSettings settings = RecordingBackendProvider.created(tag).get(0).settings();
            String shown = settings.toString();
            assertNoSecretIn(shown);
            assertTrue(shown.contains(tag), shown);
            SECRETS.keySet().forEach(k -> assertTrue(shown.contains(k + "=****"), k + " masked in " + shown));
            assertEquals("****", settings.secret("secret-key").orElseThrow().toString());
            assertEquals(SECRETS.get("password"), settings.string("password"), "the backend still gets the value");
            assertNoSecretIn(registry.toString());
            assertNoSecretIn(registry.getStore("data").toString());
        }
    }

    @Test
    void programmaticBackendConfigMasksCredentialValues() {
        BackendConfig backend = BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of(
                "name-tag", "x",
                "credentials", Map.of("access-key-id", "value-of-access-key-id-0a0a",
                        "secret-access-key", "value-of-secret-access-key-0b0b"),
                "password", SECRETS.get("password")));
        String shown = backend.toString();
        assertFalse(shown.contains("value-of-access-key-id-0a0a"), shown);
        assertFalse(shown.contains("value-of-secret-access-key-0b0b"), shown);
        assertNoSecretIn(shown);
        assertNoSecretIn(RegistryConfig.builder().backend(backend).build().toString());
    }

    @Test
    void valuesOfKeysTheSchemaDoesNotDeclareAreMasked() {
        // Nothing says what an undeclared key holds (it is rejected when the registry is built,
        // but the config may be printed before that), so its value is hidden, lists included.
        BackendConfig backend = BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of(
                "name-tag", "x",
                "endpoints", List.of(Map.of("url", "https://a.example", "password", SECRETS.get("password")))));
        String shown = backend.toString();
        assertNoSecretIn(shown);
        assertFalse(shown.contains("https://a.example"), shown);
        assertTrue(shown.contains("name-tag=x"), shown);
    }

    @ParameterizedTest(name = "{0} with a wrong type does not echo its value")
    @ValueSource(strings = {"secret-key", "password", "token", "connection-string", "sas-token", "account-key"})
    void wrongTypeForASecretKeyDoesNotEchoTheValue(String key) {
        String value = SECRETS.get(key);
        String hocon = """
                remote-store {
                  backends {
                    main {
                      type = test-recording
                      name-tag = x
                      %s = ["%s", "%s"]
                    }
                  }
                }
                """.formatted(key, value, value);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.main." + key, e.key());
        assertNoSecretIn(e.getMessage());
        assertNoSecretIn(String.valueOf(e));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            assertNoSecretIn(String.valueOf(c.getMessage()));
        }
    }

    @Test
    void secretBlockWhereAStringBelongsDoesNotEchoTheValue() {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x, secret-key { v = "value-of-secret-key-7f3a" } }
                  }
                }
                """;
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.main.secret-key", e.key());
        assertNoSecretIn(e.getMessage());
    }

    @Test
    void unknownCredentialKeyDoesNotEchoTheValue() {
        String hocon = """
                remote-store {
                  backends {
                    main { type = test-recording, name-tag = x, api-secret = "value-of-token-c02d" }
                  }
                }
                """;
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.backends.main.api-secret", e.key());
        assertNoSecretIn(e.getMessage());
    }

    @Test
    void credentialLikeNamesAreRecognised() {
        for (String name : List.of("secret-key", "password", "passwd", "token", "connection-string", "connectionstring",
                "sas-token", "account-key", "secret-access-key", "access-key-id", "private-key", "client-credential")) {
            assertTrue(ConfigSchema.looksSecret(name), name);
        }
        for (String name : List.of("bucket", "region", "endpoint", "path-style", "max-attempts", "part-size", "name-tag")) {
            assertFalse(ConfigSchema.looksSecret(name), name);
        }
    }

    @Test
    void aKeyDeclaredSecretIsMaskedWhateverItsName() {
        // "blob" does not look like a credential; the schema declares it SECRET (as GCS does credentials.json).
        String value = "{\"type\": \"service_account\", \"private_key\": \"value-of-blob-6a6a\"}";
        String tag = uniqueTag("declared");
        String hocon = """
                remote-store {
                  backends { main { type = test-recording, name-tag = "%s", blob = "%s" } }
                  stores { data { backend = main } }
                }
                """.formatted(tag, value.replace("\"", "\\\""));
        RegistryConfig config = RegistryConfig.fromConfig(ConfigFactory.parseString(hocon));
        BackendConfig backend = config.backends().get("main");
        assertFalse(backend.toString().contains("value-of-blob-6a6a"), backend.toString());
        assertTrue(backend.toString().contains("blob=****"), backend.toString());
        assertFalse(config.toString().contains("value-of-blob-6a6a"), config.toString());
        assertEquals("****", backend.options().getString("blob"), "options() is a masked view");
        assertEquals(tag, backend.options().getString("name-tag"), "declared non-secret values stay readable");
        assertFalse(backend.options().root().render().contains("value-of-blob-6a6a"));

        BackendConfig inCode = BackendConfig.of("main", RecordingBackendProvider.TYPE, Map.of("name-tag", "x", "blob", value));
        assertFalse(inCode.toString().contains("value-of-blob-6a6a"), inCode.toString());

        try (Registry registry = Registry.of(config)) {
            registry.getStore("data");
            BackendSettings settings = RecordingBackendProvider.created(tag).get(0).settings();
            assertFalse(settings.toString().contains("value-of-blob-6a6a"), settings.toString());
            assertEquals(value, settings.secret("blob").orElseThrow().reveal(), "the backend reads it through secret()");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.string("blob"));
            assertTrue(e.getMessage().contains("secret(\"blob\")"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> settings.optionalString("blob"));
        }
    }

    @Test
    void everyValueOfATypeWithoutProviderIsMasked() {
        BackendConfig backend = BackendConfig.of("main", "no-such-type", Map.of("bucket", "b", "json", "value-of-json-1c1c"));
        assertFalse(backend.toString().contains("value-of-json-1c1c"), backend.toString());
        assertEquals("****", backend.options().getString("json"));
    }

    @Test
    void schemaListsItsSecretPathsThroughNestedBlocks() {
        ConfigSchema schema = ConfigSchema.builder()
                .optional("a", ConfigSchema.ValueType.STRING, null)
                .optional("s", ConfigSchema.ValueType.SECRET, null)
                .block("credentials", ConfigSchema.builder().optional("json", ConfigSchema.ValueType.SECRET, null).build(), null)
                .build();
        assertEquals(java.util.Set.of("s", "credentials.json"), schema.secretPaths());
        assertTrue(schema.isDeclaredSecret("credentials.json"));
        assertFalse(schema.isDeclaredSecret("a"));
    }
}
