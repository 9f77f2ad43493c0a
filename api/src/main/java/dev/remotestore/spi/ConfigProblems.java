package dev.remotestore.spi;

import dev.remotestore.InvalidConfigException;
import dev.remotestore.InvalidConfigException.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of a configuration so that one {@link InvalidConfigException} reports
 * them all, instead of the first alone. A provider's {@link BackendProvider#validate} runs its
 * independent checks through {@link #check}, each of which may throw (usually via
 * {@link BackendSettings#invalid}); the problems are recorded and the next check runs.
 *
 * <pre>{@code
 * ConfigProblems problems = new ConfigProblems();
 * problems.check(() -> readEndpoint(settings, builder));
 * problems.check(() -> readCredentials(settings, builder));
 * problems.throwIfAny();
 * }</pre>
 *
 * Not thread-safe; use one per validation.
 */
public final class ConfigProblems {
    private final List<Problem> problems = new ArrayList<>();

    /** Records every problem {@code e} reports. */
    public void add(InvalidConfigException e) {
        problems.addAll(e.problems());
    }

    /** Records one problem. */
    public void add(String key, String origin, String detail) {
        problems.add(new Problem(key, origin, detail));
    }

    /** Runs {@code check}; an {@link InvalidConfigException} it throws is recorded, not propagated. */
    public void check(Runnable check) {
        try {
            check.run();
        } catch (InvalidConfigException e) {
            add(e);
        }
    }

    /** Whether no problem has been recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems recorded so far, in order. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** @throws InvalidConfigException listing every recorded problem, if there is one */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
