package dev.remotestore;

import java.util.List;
import java.util.function.Predicate;

/**
 * The one table of which request needs which {@link Capability}. The {@link Store} consults it
 * before any I/O and refuses with {@link UnsupportedCapabilityException}; nothing is emulated.
 */
final class CapabilityGate {
    private record Rule<T>(Capability capability, String what, Predicate<T> applies) {
    }

    private static final List<Rule<WriteOptions>> WRITE = List.of(
            new Rule<>(Capability.CREATE_ONLY, "a create-only write (the default; use WriteOptions.overwrite() to replace)",
                    o -> o.mode() == WriteOptions.Mode.CREATE_ONLY),
            new Rule<>(Capability.COMPARE_AND_SWAP, "a compare-and-swap write (WriteOptions.ifMatch)",
                    o -> o.mode() == WriteOptions.Mode.IF_MATCH),
            new Rule<>(Capability.CONTENT_TYPE, "storing a content type", o -> o.contentType().isPresent()),
            new Rule<>(Capability.USER_METADATA, "storing user metadata", o -> !o.metadata().isEmpty()));

    private static final List<Rule<CopyOptions>> COPY = List.of(
            new Rule<>(Capability.CREATE_ONLY, "a create-only copy or move (use CopyOptions.overwrite() to replace)",
                    o -> !o.isOverwrite()));

    private static final List<Rule<Object>> PRESIGN = List.of(
            new Rule<>(Capability.PRESIGN, "a presigned URL", o -> true));

    private CapabilityGate() {
    }

    static void checkWrite(Capabilities caps, String backendType, WriteOptions options, String path) {
        check(WRITE, options, caps, backendType, path);
    }

    static void checkCopy(Capabilities caps, String backendType, CopyOptions options, String path) {
        check(COPY, options, caps, backendType, path);
    }

    static void checkPresign(Capabilities caps, String backendType, String path) {
        check(PRESIGN, null, caps, backendType, path);
    }

    private static <T> void check(List<Rule<T>> rules, T request, Capabilities caps, String backendType, String path) {
        for (Rule<T> rule : rules) {
            if (!caps.has(rule.capability()) && rule.applies().test(request)) {
                throw new UnsupportedCapabilityException("backend " + backendType + " cannot honour " + rule.what()
                        + " (capability " + rule.capability() + " is not declared)", path);
            }
        }
    }
}
