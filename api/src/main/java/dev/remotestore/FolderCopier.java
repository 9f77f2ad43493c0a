package dev.remotestore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * {@link Transfers#copyFolder}: lists the source once (so the totals are known before the first
 * byte moves), then copies the files on a pool of {@code parallelism} threads, each file through
 * {@link StoreCopier#copyOne}, each file all or nothing. A failed file is recorded and the others
 * go on. An interrupt of the calling thread stops the pool, waits for the files in flight to
 * commit or abort, and raises {@link TransferInterruptedException} with what was done.
 */
final class FolderCopier {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Store from;
    private final String sourceFolder;
    private final Store to;
    private final String targetFolder;
    private final FolderCopyOptions options;
    private final ProgressMeter meter;
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final List<TransferSummary.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopping = new AtomicBoolean();

    private FolderCopier(Store from, String sourceFolder, Store to, String targetFolder, FolderCopyOptions options,
            TransferListener listener) {
        this.from = from;
        this.sourceFolder = from.checkedFolder(sourceFolder);
        this.to = to;
        this.targetFolder = to.checkedFolder(targetFolder);
        this.options = options;
        this.meter = new ProgressMeter(listener, -1, -1);
    }

    static TransferSummary copy(Store from, String sourceFolder, Store to, String targetFolder,
            FolderCopyOptions options, TransferListener listener) {
        FolderCopier copier = new FolderCopier(from, sourceFolder, to, targetFolder, options, listener);
        try {
            return copier.run();
        } finally {
            copier.meter.finish();
        }
    }

    private TransferSummary run() {
        List<FileInfo> files = listSources();
        meter.totals(files.stream().mapToLong(FileInfo::size).sum(), files.size());
        Map<String, FileInfo> existing = options.existing() == FolderCopyOptions.Existing.SKIP_SAME
                ? listTargets() : Map.of();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), threads());
        List<Future<?>> tasks = new ArrayList<>(files.size());
        try {
            for (FileInfo file : files) {
                String rel = relativeTo(sourceFolder, file.path());
                tasks.add(pool.submit(() -> copyOrSkip(file, rel, existing.get(rel))));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            stopping.set(true);
            pool.shutdownNow(); // interrupts the files in flight: each commits whole or aborts
            awaitQuietly(pool);
            Thread.currentThread().interrupt();
            throw new TransferInterruptedException("the folder copy was interrupted", sourceFolder, e, summary());
        } catch (ExecutionException e) {
            // copyOrSkip records every failure itself: this is a defect, not a file's failure
            throw new IllegalStateException("a folder copy task failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return summary();
    }

    private List<FileInfo> listSources() {
        ListOptions list = options.isRecursive() ? ListOptions.recursive() : ListOptions.flat();
        list = options.glob().map(list::withGlob).orElse(list);
        try (Stream<FileInfo> listed = from.listFiles(sourceFolder, list)) {
            return listed.toList();
        }
    }

    /** The target folder's files by path relative to it: one listing instead of a request per file. */
    private Map<String, FileInfo> listTargets() {
        Map<String, FileInfo> byPath = new HashMap<>();
        try (Stream<FileInfo> listed = to.listFiles(targetFolder, ListOptions.recursive())) {
            listed.forEach(f -> byPath.put(relativeTo(targetFolder, f.path()), f));
        }
        return byPath;
    }

    private void copyOrSkip(FileInfo file, String rel, FileInfo there) {
        if (stopping.get() || Thread.currentThread().isInterrupted()) {
            return; // not started: neither copied, skipped nor failed
        }
        String target = rel.isEmpty() ? targetFolder : StorePaths.join(targetFolder, rel);
        FileBytes progress = new FileBytes(meter);
        try {
            if (there != null && SameContent.check(from, file, to, there)) {
                skipped.incrementAndGet();
            } else {
                FileInfo source = needsAttributes() ? from.getFileInfo(file.path()) : file;
                boolean overwrite = options.existing() != FolderCopyOptions.Existing.FAIL;
                StoreCopier.copyOne(from, source, to, target, overwrite, progress);
                copied.incrementAndGet();
                bytes.addAndGet(source.size());
            }
        } catch (RemoteStoreException e) {
            failures.add(new TransferSummary.Failure(rel, e));
        } catch (RuntimeException e) {
            failures.add(new TransferSummary.Failure(rel,
                    new RemoteStoreException("unexpected failure: " + e, file.path(), e)));
        }
        progress.settle(file.size());
        meter.fileDone();
    }

    /**
     * Whether a streamed copy needs the source's content type and metadata, which listings may
     * leave out: only when the target can store them. A server-side copy keeps them itself.
     */
    private boolean needsAttributes() {
        return !from.sharesBackendWith(to) && (to.capabilities().has(Capability.CONTENT_TYPE)
                || to.capabilities().has(Capability.USER_METADATA));
    }

    private TransferSummary summary() {
        synchronized (failures) {
            return new TransferSummary(copied.get(), bytes.get(), skipped.get(), new ArrayList<>(failures));
        }
    }

    private static String relativeTo(String folder, String path) {
        return folder.isEmpty() ? path : path.substring(folder.length() + 1);
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException again) {
                interrupted = true; // the files in flight finish their commit or abort first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rs-copy-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * One file's bytes on the shared meter: when the file ends (copied, skipped or failed) the
     * bytes it did not report are added, so the folder's count ends at its total.
     */
    private static final class FileBytes implements LongConsumer {
        private final ProgressMeter meter;
        private final AtomicLong seen = new AtomicLong();

        FileBytes(ProgressMeter meter) {
            this.meter = meter;
        }

        @Override
        public void accept(long n) {
            seen.addAndGet(n);
            meter.accept(n);
        }

        void settle(long size) {
            long rest = size - seen.get();
            if (rest > 0) {
                meter.accept(rest);
            }
        }
    }
}
