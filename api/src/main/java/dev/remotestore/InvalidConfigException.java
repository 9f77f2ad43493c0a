package dev.remotestore;

import java.util.List;
import java.util.Objects;

/**
 * The configuration is wrong: an unknown backend type or key, a wrong value type, a missing
 * required key, a value out of range, a store that names a missing backend, HOCON that does not
 * parse or a substitution that does not resolve. Raised when the {@link Registry} is built, never
 * at first use.
 *
 * <p>One exception reports every problem found in the configuration ({@link #problems()}), each
 * with its full key path (for example {@code remote-store.backends.lake.bucket}) and where it was
 * set (file and line from HOCON's origin, or the environment variable the value came from). The
 * message lists them all, one per line. It never contains a configured value of a secret key.
 */
public class InvalidConfigException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * One thing wrong with the configuration.
     *
     * @param key the full key path concerned
     * @param origin where the key (or its enclosing block) was set, e.g. {@code application.conf: 12}; may be null
     * @param detail what is wrong with it (never a secret value)
     */
    public record Problem(String key, String origin, String detail) implements java.io.Serializable {
        public Problem {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(detail, "detail is null");
        }

        /** {@code key: detail (origin)}. */
        @Override
        public String toString() {
            return key + ": " + detail + (origin == null ? "" : " (" + origin + ")");
        }
    }

    private final List<Problem> problems;

    /**
     * @param key the full key path concerned
     * @param origin where the key (or its enclosing block) was set, e.g. {@code application.conf: 12}; may be null
     * @param detail what is wrong with it
     */
    public InvalidConfigException(String key, String origin, String detail) {
        this(key, origin, detail, null);
    }

    public InvalidConfigException(String key, String origin, String detail, Throwable cause) {
        this(List.of(new Problem(key, origin, detail)), cause);
    }

    /**
     * Several problems at once, reported in the given order.
     *
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InvalidConfigException(List<Problem> problems) {
        this(problems, null);
    }

    private InvalidConfigException(List<Problem> problems, Throwable cause) {
        super(message(problems), null, cause);
        this.problems = List.copyOf(problems);
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder sb = new StringBuilder(problems.size() + " configuration errors:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }

    /** Every problem found, in the order of the configuration; at least one. */
    public List<Problem> problems() {
        return problems;
    }

    /** The full key path of the first problem, e.g. {@code remote-store.backends.lake.type}. */
    public String key() {
        return problems.get(0).key();
    }

    /** Where the first problem's key was set (file or resource and line), or {@code null} when not known. */
    public String origin() {
        return problems.get(0).origin();
    }
}
