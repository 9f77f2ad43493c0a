package dev.remotestore.spi;

import java.util.Objects;

/** A configured secret: its value is available to a backend and hidden from every {@code toString}. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret is null");
    }

    /** The secret itself. Never log or put it in a message. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
