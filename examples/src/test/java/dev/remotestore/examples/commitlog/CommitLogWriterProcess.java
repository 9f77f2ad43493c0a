package dev.remotestore.examples.commitlog;

import com.typesafe.config.ConfigFactory;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of {@link CommitLogMultiProcessTest}: opens the store {@code data} from a HOCON
 * file, prints {@code ready}, waits for a line on standard input (so that every writer starts at
 * once), appends its entries, optionally checkpoints every few appends, and prints
 * {@code done <conflicts> <worst>}.
 *
 * <p>Arguments: {@code <config file> <writer id> <entries> <checkpoint every, 0 = never>}.
 */
public final class CommitLogWriterProcess {
    private CommitLogWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        int checkpointEvery = Integer.parseInt(args[3]);
        try (Registry registry = Registry.fromConfig(ConfigFactory.parseFile(new File(args[0])).resolve())) {
            Store store = registry.getStore("data");
            CommitLog log = new CommitLog(store);
            store.capabilities(); // the backend is built before the start signal, not during the race
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            int conflicts = 0;
            int worst = 0;
            for (int seq = 0; seq < count; seq++) {
                Appended a = log.append(CommitLogTest.bytes("{\"writer\":\"" + writer + "\",\"seq\":" + seq + "}"));
                conflicts += a.conflicts();
                worst = Math.max(worst, a.conflicts());
                if (checkpointEvery > 0 && (seq + 1) % checkpointEvery == 0) {
                    log.checkpoint();
                }
            }
            System.out.println("done " + conflicts + " " + worst);
        }
    }
}
