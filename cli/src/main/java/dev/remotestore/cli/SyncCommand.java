package dev.remotestore.cli;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.TransferSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs sync [--delete] [--dry-run] SRC DST}. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Copy what is missing or changed from one folder to another.",
                "Makes the DST folder hold the files of the SRC folder: copies the files that are missing or changed",
                "(a different size, or the same size with a different ETag where the target is older than the source),",
                "and with --delete remove the DST files that SRC does not have."})
final class SyncCommand extends StoreCommand {
    @Option(names = "--delete", description = "Delete files under DST that are not under SRC")
    boolean delete;

    @Option(names = {"-n", "--dry-run"}, description = "Print what would be copied and deleted; change nothing")
    boolean dryRun;

    @Option(names = {"-j", "--parallel"}, paramLabel = "N", defaultValue = "4", description = "Files copied at once (default ${DEFAULT-VALUE})")
    int parallel;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DST")
    String destination;

    @Override
    int run(Session session) throws Exception {
        Target from = session.resolve(source).requireLocalExists();
        Target to = session.resolve(destination);
        if (!from.isFolder()) {
            throw new NotFoundException("no such folder", from.display());
        }
        if (parallel < 1) {
            throw new UsageException("--parallel must be at least 1");
        }
        Map<String, FileInfo> have = files(from);
        Map<String, FileInfo> there = to.isLocal() && !java.nio.file.Files.isDirectory(to.local()) ? Map.of() : files(to);
        List<String> copy = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, FileInfo> e : have.entrySet()) {
            if (!same(e.getValue(), there.get(e.getKey()))) {
                copy.add(e.getKey());
                bytes += e.getValue().size();
            }
        }
        List<String> extra = new ArrayList<>();
        if (delete) {
            there.keySet().stream().filter(k -> !have.containsKey(k)).forEach(extra::add);
        }
        if (dryRun) {
            copy.forEach(rel -> session.out().println(session.json() ? new Json().put("action", "copy").put("path", rel) : "copy " + rel));
            extra.forEach(rel -> session.out().println(session.json() ? new Json().put("action", "delete").put("path", rel) : "delete " + rel));
            return ExitCodes.OK;
        }
        List<TransferSummary.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        AggregateProgress progress = new AggregateProgress(session.progress(), bytes, copy.size() + extra.size());
        AtomicLong copied = new AtomicLong();
        AtomicLong copiedBytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String rel : copy) {
                running.add(pool.submit(() -> {
                    try {
                        FileCopy.Result r = FileCopy.copy(from.child(rel), to.child(rel), true, null, progress.forFile());
                        copied.incrementAndGet();
                        copiedBytes.addAndGet(r.bytes());
                    } catch (RemoteStoreException e) {
                        failures.add(new TransferSummary.Failure(rel, e));
                    }
                    progress.fileDone(0);
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long deleted = 0;
        if (failures.isEmpty()) { // never delete on a run that did not finish copying
            for (String rel : extra) {
                Target t = to.child(rel);
                try {
                    t.store().delete(t.path());
                    deleted++;
                } catch (RemoteStoreException e) {
                    failures.add(new TransferSummary.Failure(rel, e));
                }
                progress.fileDone(0);
            }
        }
        progress.finish();
        return CpCommand.report(session, copied.get(), copiedBytes.get(), have.size() - copy.size(), deleted, failures);
    }

    /** Files under a folder target by path relative to it. */
    private static Map<String, FileInfo> files(Target folder) {
        String base = folder.path();
        String prefix = base.isEmpty() ? "" : base + "/";
        Map<String, FileInfo> files = new LinkedHashMap<>();
        try (Stream<FileInfo> listed = folder.store().listFiles(base, ListOptions.recursive())) {
            listed.forEach(f -> files.put(f.path().substring(prefix.length()), f));
        }
        return files;
    }

    /**
     * Whether the target already holds the source's bytes, as far as a listing can tell: the same
     * size and either the same ETag or a target written no earlier than the source (ETags differ
     * between backends, so a copy to another backend is judged by size and time, as rsync does).
     */
    static boolean same(FileInfo source, FileInfo target) {
        if (target == null || target.size() != source.size()) {
            return false;
        }
        if (source.etag() != null && source.etag().equals(target.etag())) {
            return true;
        }
        return !target.lastModified().isBefore(source.lastModified());
    }
}
