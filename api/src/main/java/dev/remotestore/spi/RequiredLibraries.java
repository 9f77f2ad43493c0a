package dev.remotestore.spi;

import dev.remotestore.RemoteStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The third-party libraries a backend needs, each at or above a version, checked when the backend
 * is created. An application built without {@code remote-store-bom} can still resolve an older SDK
 * (Maven takes the nearest declaration, which may be the application's own); then creating the
 * backend fails with a {@link RemoteStoreException} that names each artifact and the version to
 * add, instead of a {@code NoClassDefFoundError} at some later call.
 *
 * <p>A library's version is read from the {@code META-INF/maven/<group>/<artifact>/pom.properties}
 * that Maven puts in every jar. A library whose file is missing (a shaded or repackaged jar) is not
 * judged by version; {@link #create} still turns a {@link LinkageError} thrown while the backend
 * is built into the same kind of message.
 */
public final class RequiredLibraries {
    private final String backendType;
    private final List<String[]> required;
    private final Function<String, Optional<String>> versions;

    private RequiredLibraries(String backendType, List<String[]> required, Function<String, Optional<String>> versions) {
        this.backendType = backendType;
        this.required = required;
        this.versions = versions;
    }

    /**
     * The requirements of one backend type, read from the class loader that loaded
     * {@code anchor} (a class of the backend).
     *
     * @param coordinates {@code group:artifact:minimum-version} each
     */
    public static RequiredLibraries of(String backendType, Class<?> anchor, String... coordinates) {
        ClassLoader loader = anchor.getClassLoader();
        return of(backendType, ga -> versionIn(loader, ga), coordinates);
    }

    /**
     * Requirements with versions from {@code versions} ({@code group:artifact} to the version on
     * the class path, empty when unknown); for tests and class loaders of one's own.
     */
    public static RequiredLibraries of(String backendType, Function<String, Optional<String>> versions, String... coordinates) {
        List<String[]> list = new ArrayList<>();
        for (String c : coordinates) {
            String[] parts = c.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected group:artifact:version, got " + c);
            }
            list.add(parts);
        }
        return new RequiredLibraries(Objects.requireNonNull(backendType, "backendType is null"), List.copyOf(list),
                Objects.requireNonNull(versions, "versions is null"));
    }

    /**
     * Throws a {@link RemoteStoreException} naming every required library found at an older
     * version than required, with the versions to add; does nothing when all are recent enough.
     */
    public void check() {
        List<String> tooOld = new ArrayList<>();
        for (String[] r : required) {
            String ga = r[0] + ":" + r[1];
            Optional<String> present = versions.apply(ga);
            if (present.isPresent() && compare(present.get(), r[2]) < 0) {
                tooOld.add(ga + " is " + present.get() + ", needs " + r[2] + " or newer");
            }
        }
        if (!tooOld.isEmpty()) {
            throw failure("the class path has libraries older than backend type " + backendType + " needs ("
                    + String.join("; ", tooOld) + ")", null);
        }
    }

    /**
     * Runs {@link #check()}, then {@code builder}; a {@link LinkageError} from the builder (a class
     * or method missing from a library on the class path) becomes a {@link RemoteStoreException}
     * naming the libraries and versions this backend needs.
     */
    public <T> T create(Supplier<T> builder) {
        check();
        try {
            return builder.get();
        } catch (LinkageError e) {
            throw failure("a library on the class path does not match what backend type " + backendType
                    + " was built against (" + e + ")", e);
        }
    }

    private RemoteStoreException failure(String what, Throwable cause) {
        StringBuilder add = new StringBuilder();
        for (String[] r : required) {
            add.append(add.length() == 0 ? "" : ", ").append(r[0]).append(':').append(r[1]).append(':').append(r[2]);
        }
        String bom = versionIn(RequiredLibraries.class.getClassLoader(), "dev.remotestore:remote-store-api")
                .map(v -> "dev.remotestore:remote-store-bom:" + v).orElse("dev.remotestore:remote-store-bom");
        RemoteStoreException e = new RemoteStoreException(what + ". Import " + bom + " (scope import) in your"
                + " dependencyManagement, or declare these versions yourself: " + add, null, cause);
        return e.withBackendType(backendType);
    }

    /**
     * Compares dotted versions by their leading numeric parts ({@code 4.1.137.Final} is
     * {@code 4.1.137}; {@code 12.0.0-beta.19} is {@code 12.0.0.19}); negative when {@code a} is older.
     */
    static int compare(String a, String b) {
        long[] x = numbers(a);
        long[] y = numbers(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? x[i] : 0;
            long q = i < y.length ? y[i] : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long[] numbers(String version) {
        return Arrays.stream(version.split("[.\\-_]"))
                .filter(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 18)
                .mapToLong(Long::parseLong).toArray();
    }

    private static Optional<String> versionIn(ClassLoader loader, String groupArtifact) {
        String[] ga = groupArtifact.split(":");
        String resource = "META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties";
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = l.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version")).map(String::trim).filter(v -> !v.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
