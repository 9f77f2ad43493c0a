package dev.remotestore.cli;

import dev.remotestore.FileInfo;
import dev.remotestore.NotFoundException;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rs stat TARGET}. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = {"Show a file's details.", "Size, last-modified time, ETag, content type, version and metadata."})
final class StatCommand extends StoreCommand {
    @Parameters(paramLabel = "TARGET", description = "The file")
    String target;

    @Override
    int run(Session session) {
        Target t = session.resolve(target).requireLocalExists();
        PrintStream out = session.out();
        if (!t.isFile() && t.isFolder()) {
            if (session.json()) {
                out.println(new Json().put("path", t.path()).put("type", "folder"));
            } else {
                out.println("path: " + t.path());
                out.println("type: folder");
            }
            return ExitCodes.OK;
        }
        if (t.path().isEmpty()) {
            throw new NotFoundException("not a file", t.display());
        }
        FileInfo f = t.store().getFileInfo(t.path());
        Map<String, String> metadata = new TreeMap<>(f.metadata());
        if (session.json()) {
            out.println(new Json().put("path", f.path()).put("type", "file").put("size", f.size())
                    .put("lastModified", f.lastModified().toString()).put("etag", f.etag())
                    .put("contentType", f.contentType().orElse(null)).put("version", f.version().orElse(null))
                    .put("metadata", metadata));
        } else {
            out.println("path: " + f.path());
            out.println("type: file");
            out.println("size: " + f.size());
            out.println("last-modified: " + f.lastModified());
            out.println("etag: " + (f.etag() == null ? "-" : f.etag()));
            out.println("content-type: " + f.contentType().orElse("-"));
            out.println("version: " + f.version().orElse("-"));
            metadata.forEach((k, v) -> out.println("metadata." + k + ": " + v));
        }
        return ExitCodes.OK;
    }
}
