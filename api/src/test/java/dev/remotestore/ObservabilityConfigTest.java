package dev.remotestore;

import static dev.remotestore.testing.HoconText.lineOf;
import static dev.remotestore.testing.HoconText.uniqueTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.observability.Operation;
import dev.remotestore.observability.OperationListener;
import dev.remotestore.testing.RecordingBackendProvider;
import dev.remotestore.testing.RecordingListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The {@code remote-store.observability} block, the registry builder's hooks, and the operation log. */
class ObservabilityConfigTest {

    private static String config(String tag, String observability) {
        return """
                remote-store {
                  backends { main { type = test-recording, name-tag = "%s", secret-key = "s3cr3t-VALUE-42" } }
                  stores { data { backend = main, root-path = "r" } }
                %s
                }
                """.formatted(tag, observability);
    }

    @Test
    void absentBlockMeansTheDefaults() {
        RegistryConfig c = RegistryConfig.fromConfig(ConfigFactory.parseString(config(uniqueTag("d"), "")));
        assertEquals(ObservabilitySettings.defaults(), c.observability());
        assertEquals(new ObservabilitySettings(true, true, false, false), c.observability());
    }

    @Test
    void switchesReadOnOffAndBooleans() {
        RegistryConfig c = RegistryConfig.fromConfig(ConfigFactory.parseString(config(uniqueTag("s"),
                "observability { metrics = off, tracing = no, log-operations = on, record-paths = true }")));
        assertEquals(new ObservabilitySettings(false, false, true, true), c.observability());
    }

    @Test
    void unknownKeyIsRejectedWithItsPathAndLine() {
        String hocon = config(uniqueTag("u"), "observability {\n metrics = on\n tracng = on\n}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Registry.fromHocon(hocon));
        assertEquals("remote-store.observability.tracng", e.key());
        assertTrue(e.getMessage().contains("line " + lineOf(hocon, "tracng")) || e.getMessage().contains(": " + lineOf(hocon, "tracng")),
                e.getMessage());
        assertTrue(e.getMessage().contains("record-paths"), "lists the accepted keys: " + e.getMessage());
    }

    @Test
    void wrongTypeIsRejectedWithItsPath() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> Registry.fromHocon(config(uniqueTag("w"), "observability { record-paths = sometimes }")));
        assertEquals("remote-store.observability.record-paths", e.key());
        InvalidConfigException notABlock = assertThrows(InvalidConfigException.class,
                () -> Registry.fromHocon(config(uniqueTag("w"), "observability = true")));
        assertEquals("remote-store.observability", notABlock.key());
    }

    @Test
    void builderListenerSeesEveryStoreOfTheRegistry() {
        RecordingListener listener = new RecordingListener();
        try (Registry registry = Registry.builder().config(ConfigFactory.parseString(config(uniqueTag("b"), "")))
                .listener(listener).build()) {
            Store store = registry.getStore("data");
            store.write("f", new byte[] {1, 2});
            assertEquals(2, store.readBytes("f").length);
        }
        assertEquals(List.of(Operation.WRITE, Operation.READ), listener.ended().stream().map(RecordingListener.Ended::operation).toList());
        assertEquals("data", listener.ended().get(0).store());
    }

    @Test
    void givenProviderIsSwitchedByItsFeature() {
        AtomicReference<ObservabilitySettings> seen = new AtomicReference<>();
        RecordingListener listener = new RecordingListener();
        ListenerProvider metrics = new ListenerProvider() {
            @Override
            public String feature() {
                return METRICS;
            }

            @Override
            public OperationListener create(ObservabilitySettings settings) {
                seen.set(settings);
                return listener;
            }
        };
        try (Registry off = Registry.builder().config(ConfigFactory.parseString(config(uniqueTag("p"),
                "observability.metrics = off"))).observability(metrics).build()) {
            off.getStore("data").exists("x");
        }
        assertTrue(listener.ended().isEmpty(), "metrics = off: the provider is not used");
        assertEquals(null, seen.get());
        try (Registry on = Registry.builder().config(ConfigFactory.parseString(config(uniqueTag("p"),
                "observability.record-paths = true"))).observability(metrics).build()) {
            on.getStore("data").exists("x");
        }
        assertEquals(1, listener.ended().size());
        assertTrue(seen.get().recordPaths(), "the provider gets the settings");
    }

    @Test
    void operationLogWritesOneDebugLinePerOperationWithoutSecrets() {
        Logger ops = (Logger) LoggerFactory.getLogger("dev.remotestore.ops");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ops.addAppender(appender);
        Level before = ops.getLevel();
        ops.setLevel(Level.DEBUG);
        try (Registry registry = Registry.fromHocon(config(uniqueTag("l"), "observability.log-operations = on"))) {
            Store store = registry.getStore("data");
            store.write("logs/a.txt", new byte[7]);
            assertThrows(NotFoundException.class, () -> store.readBytes("logs/missing"));
        } finally {
            ops.setLevel(before);
            ops.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("store=data backend=test-recording operation=write path=logs/a\\.txt bytes=7 duration=[0-9.]+ms outcome=success"),
                lines.get(0));
        assertTrue(lines.get(1).contains("operation=read path=logs/missing bytes=0") && lines.get(1).endsWith("outcome=NotFoundException"),
                lines.get(1));
        assertTrue(appender.list.stream().allMatch(e -> e.getLevel() == Level.DEBUG));
        assertFalse(lines.stream().anyMatch(l -> l.contains("s3cr3t")), "never a secret");
    }

    @Test
    void operationLogIsSilentWhenOff() {
        Logger ops = (Logger) LoggerFactory.getLogger("dev.remotestore.ops");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ops.addAppender(appender);
        Level before = ops.getLevel();
        ops.setLevel(Level.DEBUG);
        try (Registry registry = Registry.fromHocon(config(uniqueTag("o"), ""))) {
            registry.getStore("data").write("a", new byte[1]);
        } finally {
            ops.setLevel(before);
            ops.detachAppender(appender);
        }
        assertTrue(appender.list.isEmpty(), "log-operations defaults to off");
    }

    /** Stands for an SDK type such as the AWS SDK's MetricPublisher, which api cannot name. */
    interface SdkHook {
    }

    /** A metrics provider offering one {@link SdkHook}. */
    private static ListenerProvider offering(SdkHook hook) {
        return new ListenerProvider() {
            @Override
            public String feature() {
                return METRICS;
            }

            @Override
            public OperationListener create(ObservabilitySettings settings) {
                return new RecordingListener();
            }

            @Override
            public <T> Optional<T> component(Class<T> type) {
                return type == SdkHook.class ? Optional.of(type.cast(hook)) : Optional.empty();
            }
        };
    }

    private static List<SdkHook> hooksSeenByTheBackend(String tag, String observability, SdkHook hook) {
        try (Registry registry = Registry.builder().config(ConfigFactory.parseString(config(tag, observability)))
                .observability(offering(hook)).build()) {
            registry.getStore("data").write("f", new byte[] {1});
            return RecordingBackendProvider.created(tag).get(0).settings().components(SdkHook.class);
        }
    }

    @Test
    void aSwitchedOnProvidersComponentReachesTheBackendSettings() {
        SdkHook hook = new SdkHook() {
        };
        assertEquals(List.of(hook), hooksSeenByTheBackend(uniqueTag("c"), "", hook));
    }

    @Test
    void aSwitchedOffProviderOffersBackendsNothing() {
        assertEquals(List.of(), hooksSeenByTheBackend(uniqueTag("c"), "observability { metrics = off }", new SdkHook() {
        }));
    }

    @Test
    void settingsMadeForValidationOfferNoComponents() {
        var settings = dev.remotestore.spi.BackendSettings.validate("b", "t", "remote-store.backends.b",
                ConfigFactory.parseString("type = t"), dev.remotestore.spi.ConfigSchema.builder().build());
        assertEquals(List.of(), settings.components(SdkHook.class));
    }
}
