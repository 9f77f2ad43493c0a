package dev.remotestore.cli;

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
}
