package dev.remotestore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says which sources a configuration was read from, for the error raised when none of them
 * holds a {@code remote-store} block: the user then knows which files to look at, or that the
 * file they edited was never read.
 */
final class ConfigSources {
    private ConfigSources() {
    }

    /** What {@code ConfigFactory.load(loader)} reads, in its order, naming the files it found. */
    static String forLoad(ClassLoader loader) {
        List<String> read = new ArrayList<>();
        read.add("system properties");
        String resource = System.getProperty("config.resource");
        String file = System.getProperty("config.file");
        String url = System.getProperty("config.url");
        if (resource != null) {
            read.add(found(loader, resource, "config.resource=" + resource));
        } else if (file != null) {
            read.add("config.file=" + file + (new java.io.File(file).isFile() ? "" : " (no such file)"));
        } else if (url != null) {
            read.add("config.url=" + url);
        } else {
            List<String> application = new ArrayList<>();
            for (String name : List.of("application.conf", "application.json", "application.properties")) {
                application.addAll(urls(loader, name));
            }
            read.add(application.isEmpty()
                    ? "no application.conf, application.json or application.properties (none on the class path)"
                    : String.join(", ", application));
        }
        List<String> reference = urls(loader, "reference.conf");
        read.add(reference.isEmpty() ? "no reference.conf" : reference.size() <= 3 ? String.join(", ", reference)
                : String.join(", ", reference.subList(0, 3)) + " and " + (reference.size() - 3) + " more reference.conf");
        return String.join("; ", read);
    }

    /** The distinct sources of a config's top-level values, from their origins. */
    static String of(Config config) {
        Set<String> sources = new LinkedHashSet<>();
        for (ConfigValue value : config.root().values()) {
            sources.add(source(value.origin()));
        }
        if (sources.isEmpty()) {
            String root = config.root().origin().description();
            return "an empty config (" + root + "): no file defined anything";
        }
        return String.join(", ", sources);
    }

    private static String source(ConfigOrigin origin) {
        if (origin.filename() != null) {
            return origin.filename();
        }
        if (origin.url() != null) {
            return origin.url().toString();
        }
        if (origin.resource() != null) {
            return origin.resource();
        }
        return origin.description().replaceFirst(": \\d+$", "");
    }

    private static String found(ClassLoader loader, String name, String label) {
        List<String> urls = urls(loader, name);
        return label + (urls.isEmpty() ? " (not on the class path)" : " (" + String.join(", ", urls) + ")");
    }

    private static List<String> urls(ClassLoader loader, String name) {
        try {
            List<String> found = new ArrayList<>();
            for (URL u : Collections.list(loader.getResources(name))) {
                found.add(u.toString());
            }
            return found;
        } catch (IOException e) {
            return List.of();
        }
    }
}
