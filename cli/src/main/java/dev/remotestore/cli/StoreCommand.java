package dev.remotestore.cli;

import dev.remotestore.NotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every command does around its own work: the session (registry, streams) and its closing. */
abstract class StoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        if (common.logLevel != null) {
            System.setProperty("rs.log.level", common.logLevel); // read by logback.xml when logging starts
        }
        try (Session session = new Session(common, System.out, System.err)) {
            int code = run(session);
            System.out.flush();
            return code;
        }
    }

    abstract int run(Session session) throws Exception;

    /** The last name of a target's path, for copying into a folder. */
    static String fileName(Target t) {
        if (t.isLocal()) {
            return t.local().getFileName().toString();
        }
        String p = t.path();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * Where a single file SRC goes: DST itself, or DST/&lt;SRC's name&gt; when DST is a folder or ends
     * with a separator. SRC must be a file: a folder is bad usage ({@code folderHint} says what to
     * do instead), anything else is not found.
     */
    static Target fileDestination(Target from, Target to, String folderHint) {
        if (!from.isFile()) {
            throw from.isFolder() ? new UsageException(from.display() + " is a folder: " + folderHint)
                    : new NotFoundException("no such file", from.display());
        }
        return to.endsWithSeparator() || to.isFolder() ? to.child(fileName(from)) : to;
    }
}
