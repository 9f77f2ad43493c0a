package dev.remotestore.s3;

import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The response body a stream or channel currently reads, kept apart from the stream so that
 * {@link StreamLeaks} can abort it after the stream itself became unreachable. The body changes
 * when a read resumes or a channel opens its next window.
 */
final class HeldResponse {
    private volatile ResponseInputStream<?> body;

    ResponseInputStream<?> body() {
        return body;
    }

    void hold(ResponseInputStream<?> next) {
        body = next;
    }

    /** Closes the body; aborting first drops the connection instead of draining the rest of a large body. */
    void release(boolean abort) {
        ResponseInputStream<?> b = body;
        body = null;
        if (b == null) {
            return;
        }
        if (abort) {
            b.abort();
        }
        try {
            b.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is released either way
        }
    }
}
