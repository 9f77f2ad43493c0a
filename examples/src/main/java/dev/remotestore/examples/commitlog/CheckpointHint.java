package dev.remotestore.examples.commitlog;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.FileInfo;
import dev.remotestore.NotFoundException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file {@code _last_checkpoint}: {@code {"version":N}}, the newest checkpoint someone wrote.
 * It is only a place to start looking. It may lag (a lost compare-and-swap is not retried for
 * ever) and on a server whose If-Match is not atomic it may even step back; either costs a few
 * more probes, never a wrong answer, because every version it ever named stays committed.
 */
final class CheckpointHint {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d{1,19})");
    private static final int ATTEMPTS = 3;

    private final Store store;
    private final String path;

    CheckpointHint(Store store, String path) {
        this.store = store;
        this.path = path;
    }

    /** The version the hint names; -1 when there is no hint or it cannot be read as one. */
    long read() {
        try {
            return parse(store.readBytes(path));
        } catch (NotFoundException e) {
            return -1;
        }
    }

    /**
     * Moves the hint forward to {@code version} unless it names that or a later one already.
     * Gives up after a few lost races (another checkpointer moved it meanwhile).
     *
     * @return whether the hint now names {@code version} or later, as far as this call saw
     */
    boolean advanceTo(long version) {
        if (!store.capabilities().has(Capability.COMPARE_AND_SWAP)) {
            return false; // no safe way to move it; readers probe from an older start
        }
        byte[] text = ("{\"version\":" + version + "}\n").getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileInfo current;
            try {
                current = store.getFileInfo(path);
            } catch (NotFoundException e) {
                try {
                    store.write(path, text, WriteOptions.createOnly());
                    return true;
                } catch (AlreadyExistsException lost) {
                    continue;
                }
            }
            // The ETag is read before the content: if the content changes in between, the
            // compare-and-swap below fails instead of replacing a newer hint with an older one.
            long named;
            try {
                named = parse(store.readBytes(path));
            } catch (NotFoundException e) {
                continue;
            }
            if (named >= version) {
                return true;
            }
            if (current.etag().isEmpty()) {
                return false; // a backend without ETags (a test fake) cannot compare-and-swap
            }
            try {
                store.write(path, text, WriteOptions.ifMatch(current.etag()));
                return true;
            } catch (PreconditionFailedException | NotFoundException lost) {
                // another checkpointer moved it; look again
            }
        }
        return false;
    }

    private static long parse(byte[] bytes) {
        Matcher m = VERSION.matcher(new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
