package dev.remotestore.cli;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ListOptions;
import dev.remotestore.NotFoundException;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rs ls [-r] [-l] TARGET}. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List files and folders.",
                "Folders end in / and come sorted by name with the files; with -r every file below the folder, in the store's order.",
                "A file TARGET lists that file. --json prints one object per entry."})
final class LsCommand extends StoreCommand {
    @Option(names = {"-r", "--recursive"}, description = "List every file below the folder")
    boolean recursive;

    @Option(names = {"-l", "--long"}, description = "Show size and last-modified time")
    boolean longFormat;

    @Parameters(paramLabel = "TARGET", description = "Folder or file to list")
    String target;

    @Override
    int run(Session session) {
        Target t = session.resolve(target).requireLocalExists();
        PrintStream out = session.out();
        if (!t.endsWithSeparator() && t.isFile()) {
            FileInfo info = t.store().getFileInfo(t.path());
            printFile(session, info, fileName(t));
            return ExitCodes.OK;
        }
        if (!t.isFolder()) {
            throw new NotFoundException("no such file or folder", t.display());
        }
        String base = t.path();
        String prefix = base.isEmpty() ? "" : base + "/";
        if (recursive) {
            try (Stream<FileInfo> files = t.store().listFiles(base, ListOptions.recursive())) {
                files.forEach(f -> printFile(session, f, f.path().substring(prefix.length())));
            }
        } else {
            List<Object> entries = new ArrayList<>();
            try (Stream<FolderEntry> folders = t.store().listFolders(base)) {
                folders.forEach(entries::add);
            }
            try (Stream<FileInfo> files = t.store().listFiles(base)) {
                files.forEach(entries::add);
            }
            entries.sort(Comparator.comparing(e -> name(e, prefix)));
            for (Object e : entries) {
                if (e instanceof FileInfo f) {
                    printFile(session, f, name(f, prefix));
                } else {
                    printFolder(session, name(e, prefix));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String name(Object entry, String prefix) {
        String path = entry instanceof FileInfo f ? f.path() : ((FolderEntry) entry).path();
        String rel = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        return entry instanceof FolderEntry ? rel + "/" : rel;
    }

    private void printFile(Session session, FileInfo f, String name) {
        if (session.json()) {
            session.out().println(new Json().put("path", name).put("type", "file").put("size", f.size())
                    .put("lastModified", f.lastModified().toString()).put("etag", f.etag()));
        } else if (longFormat) {
            session.out().printf("%12d  %-20s  %s%n", f.size(), f.lastModified().truncatedTo(ChronoUnit.SECONDS), name);
        } else {
            session.out().println(name);
        }
    }

    private void printFolder(Session session, String name) {
        if (session.json()) {
            session.out().println(new Json().put("path", name).put("type", "folder"));
        } else if (longFormat) {
            session.out().printf("%12s  %-20s  %s%n", "-", "-", name);
        } else {
            session.out().println(name);
        }
    }
}
