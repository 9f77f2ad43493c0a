package dev.remotestore.observability;

import java.util.Locale;

/**
 * The kinds of {@link dev.remotestore.Store} operation a listener sees. Convenience methods that
 * are built on others are reported as those ({@code readBytes} and {@code readText} as
 * {@link #READ}, {@code writeText} and the {@code StreamWriter} write as {@link #WRITE}), so each
 * call reaches the backend's figures once.
 */
public enum Operation {
    /** {@code read}: a stream whose bytes and duration count when it is closed. */
    READ(Direction.READ),
    /** {@code openChannel}: a channel whose bytes and duration count when it is closed. */
    OPEN_CHANNEL(Direction.READ),
    /** {@code write} of bytes or a stream, and {@code openOutputStream} (counted at commit or close). */
    WRITE(Direction.WRITE),
    /** {@code upload} of a local file. */
    UPLOAD(Direction.WRITE),
    /** {@code download} to a local file. */
    DOWNLOAD(Direction.READ),
    EXISTS(Direction.NONE),
    IS_FILE(Direction.NONE),
    IS_FOLDER(Direction.NONE),
    GET_FILE_INFO(Direction.NONE),
    /** {@code listFiles}: counted when the listing is exhausted or closed, whichever comes first. */
    LIST_FILES(Direction.NONE),
    /** {@code listFolders}: counted when the listing is exhausted or closed, whichever comes first. */
    LIST_FOLDERS(Direction.NONE),
    /** {@code delete} and {@code deleteIfExists}. */
    DELETE(Direction.NONE),
    DELETE_FOLDER(Direction.NONE),
    /** A server-side copy: no bytes pass through the store. */
    COPY(Direction.NONE),
    /** A server-side move: no bytes pass through the store. */
    MOVE(Direction.NONE),
    PRESIGN_READ(Direction.NONE),
    PRESIGN_WRITE(Direction.NONE),
    PING(Direction.NONE);

    /** Which way an operation's bytes flow, seen from the application. */
    public enum Direction {
        /** From the backend to the application. */
        READ,
        /** From the application to the backend. */
        WRITE,
        /** No file content passes (metadata, listing, server-side copies). */
        NONE
    }

    private final Direction direction;
    private final String tag;

    Operation(Direction direction) {
        this.direction = direction;
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** Which way the operation's bytes flow. */
    public Direction direction() {
        return direction;
    }

    /** The name metrics, spans and logs use: the constant in lower case, e.g. {@code get_file_info}. */
    public String tag() {
        return tag;
    }
}
