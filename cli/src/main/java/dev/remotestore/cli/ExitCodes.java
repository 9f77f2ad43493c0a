package dev.remotestore.cli;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.IllegalPathException;
import dev.remotestore.InvalidConfigException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.UnsupportedCapabilityException;
import picocli.CommandLine;

/** The exit codes of {@code rs}, one per kind of failure a script may want to tell apart (adr/0044). */
final class ExitCodes {
    static final int OK = 0;
    /** Any failure not listed below (an I/O error on a local file, a folder not empty, ...). */
    static final int FAILED = 1;
    /** Bad usage: unknown option, missing argument, bad TARGET, path or config (picocli's usage code). */
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int NOT_FOUND = 3;
    static final int ALREADY_EXISTS = 4;
    static final int PRECONDITION_FAILED = 5;
    static final int PERMISSION_DENIED = 6;
    static final int UNAVAILABLE = 7;
    static final int NOT_SUPPORTED = 8;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (e instanceof AlreadyExistsException) {
            return ALREADY_EXISTS;
        }
        if (e instanceof PreconditionFailedException) {
            return PRECONDITION_FAILED;
        }
        if (e instanceof PermissionDeniedException) {
            return PERMISSION_DENIED;
        }
        if (e instanceof BackendUnavailableException) {
            return UNAVAILABLE;
        }
        if (e instanceof UnsupportedCapabilityException) {
            return NOT_SUPPORTED;
        }
        if (e instanceof IllegalPathException || e instanceof InvalidConfigException || e instanceof UsageException
                || e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILED;
    }
}
