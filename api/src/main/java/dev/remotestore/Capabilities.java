package dev.remotestore;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The immutable set of {@link Capability capabilities} a backend declares. */
public final class Capabilities {
    private final Set<Capability> set;

    private Capabilities(Set<Capability> set) {
        this.set = Collections.unmodifiableSet(set);
    }

    /** The given capabilities. */
    public static Capabilities of(Capability... capabilities) {
        EnumSet<Capability> s = EnumSet.noneOf(Capability.class);
        for (Capability c : capabilities) {
            s.add(Objects.requireNonNull(c, "capability is null"));
        }
        return new Capabilities(s);
    }

    /** Every capability there is. */
    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Capability.class));
    }

    /** This set plus {@code capability}. */
    public Capabilities with(Capability capability) {
        EnumSet<Capability> s = set.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(set);
        s.add(capability);
        return new Capabilities(s);
    }

    /** This set less {@code capability}. */
    public Capabilities without(Capability capability) {
        EnumSet<Capability> s = set.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(set);
        s.remove(capability);
        return new Capabilities(s);
    }

    public boolean has(Capability capability) {
        return set.contains(capability);
    }

    public Set<Capability> asSet() {
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capabilities other && other.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return set.toString();
    }
}
