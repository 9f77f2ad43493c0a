package dev.remotestore;

import dev.remotestore.observability.ListenerProvider;
import dev.remotestore.observability.ObservabilitySettings;
import dev.remotestore.observability.OperationListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a registry's listeners: the providers found on the class path, replaced feature by
 * feature by those given in code, kept where the config switches their feature on; the
 * operation log if asked for; and the user's own listeners, always. The same switched-on
 * providers answer the backends' {@code BackendSettings.components} (ADR 0032).
 */
final class ListenerAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerAssembly.class);

    private ListenerAssembly() {
    }

    /** The listeners, and what the switched-on providers offer backends' clients. */
    record Assembled(List<OperationListener> listeners, Function<Class<?>, List<?>> components) {
    }

    static Assembled assemble(ObservabilitySettings settings, List<ListenerProvider> given,
            List<OperationListener> custom, ClassLoader loader) {
        Map<String, ListenerProvider> byFeature = new LinkedHashMap<>();
        for (ListenerProvider p : ServiceLoader.load(ListenerProvider.class, loader)) {
            byFeature.putIfAbsent(p.feature(), p);
        }
        for (ListenerProvider p : given) {
            byFeature.put(p.feature(), p);
        }
        List<OperationListener> listeners = new ArrayList<>();
        List<ListenerProvider> enabled = new ArrayList<>();
        for (ListenerProvider p : byFeature.values()) {
            if (settings.enables(p.feature())) {
                listeners.add(p.create(settings));
                enabled.add(p);
                LOG.debug("observability: {} by {}", p.feature(), p.getClass().getName());
            } else {
                LOG.debug("observability: {} switched off by {}.{}", p.feature(), ObservabilityBlock.PATH, p.feature());
            }
        }
        if (settings.logOperations()) {
            listeners.add(new OperationLog());
        }
        listeners.addAll(custom);
        List<ListenerProvider> offering = List.copyOf(enabled);
        Function<Class<?>, List<?>> components = type -> offering.stream()
                .map(p -> p.component(type)).flatMap(Optional::stream).toList();
        return new Assembled(List.copyOf(listeners), components);
    }
}
