package dev.remotestore.cli;

/** A command line that cannot mean anything: exit code {@link ExitCodes#USAGE}. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
