package dev.remotestore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The work behind {@link Transfers}. */
final class StoreCopier {
    private StoreCopier() {
    }

    static WriteResult copyFile(Store from, String source, Store to, String target, CopyOptions options,
            TransferListener listener) {
        FileInfo info = from.getFileInfo(source);
        ProgressMeter meter = new ProgressMeter(listener, info.size(), 1);
        WriteResult result = copyOne(from, source, info, to, target, options, meter);
        meter.fileDone();
        meter.finish();
        return result;
    }

    private static WriteResult copyOne(Store from, String source, FileInfo info, Store to, String target,
            CopyOptions options, ProgressMeter meter) {
        if (from.backend() == to.backend()) {
            // skeleton: bypasses the stores' error translation and observation (to be routed through Store)
            WriteResult result = from.backend().copy(from.keyOf(source), to.keyOf(target), options.isOverwrite());
            meter.accept(info.size());
            return result;
        }
        WriteOptions write = options.isOverwrite() ? WriteOptions.overwrite() : WriteOptions.createOnly();
        try (var in = new dev.remotestore.spi.ProgressInputStream(from.read(source), meter)) {
            return to.write(target, in, write);
        } catch (java.io.IOException e) {
            throw new RemoteStoreException("cannot read " + source + ": " + e, source, e);
        }
    }

    static TransferSummary copyFolder(Store from, String sourceFolder, Store to, String targetFolder,
            FolderCopyOptions options, TransferListener listener) {
        ListOptions list = options.isRecursive() ? ListOptions.recursive() : ListOptions.flat();
        list = options.glob().map(list::withGlob).orElse(list);
        List<FileInfo> files;
        try (Stream<FileInfo> listed = from.listFiles(sourceFolder, list)) {
            files = listed.toList();
        }
        String base = StorePaths.normalize(sourceFolder);
        ProgressMeter meter = new ProgressMeter(listener, files.stream().mapToLong(FileInfo::size).sum(), files.size());
        AtomicLong copied = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        List<TransferSummary.Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (FileInfo f : files) {
                String rel = base.isEmpty() ? f.path() : f.path().substring(base.length() + 1);
                String target = StorePaths.join(StorePaths.normalize(targetFolder), rel);
                done.add(pool.submit(() -> {
                    try {
                        if (options.existing() == FolderCopyOptions.Existing.SKIP_SAME && same(f, to, target)) {
                            skipped.incrementAndGet();
                            meter.accept(f.size());
                        } else {
                            CopyOptions copy = options.existing() == FolderCopyOptions.Existing.FAIL
                                    ? CopyOptions.createOnly() : CopyOptions.overwrite();
                            copyOne(from, f.path(), f, to, target, copy, meter);
                            copied.incrementAndGet();
                            bytes.addAndGet(f.size());
                        }
                    } catch (RemoteStoreException e) {
                        failures.add(new TransferSummary.Failure(rel, e));
                    }
                    meter.fileDone();
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new RemoteStoreException("a folder copy task failed: " + e, sourceFolder, e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        meter.finish();
        return new TransferSummary(copied.get(), bytes.get(), skipped.get(), failures);
    }

    private static boolean same(FileInfo source, Store to, String target) {
        try {
            FileInfo there = to.getFileInfo(target);
            return there.size() == source.size() && source.etag() != null && source.etag().equals(there.etag());
        } catch (NotFoundException e) {
            return false;
        }
    }
}
