package dev.remotestore.examples;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.FileInfo;
import dev.remotestore.ListOptions;
import dev.remotestore.Registry;
import dev.remotestore.Store;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import dev.remotestore.WriteResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Writes, lists and reads through a Registry on the {@code local} backend configured in
 * {@code application.conf}: no server, no credentials. Shows that writes are create-only by
 * default, that overwrite is explicit, and that a streaming write appears only on commit.
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) {
        try (Registry registry = Registry.load()) {
            run(registry.getStore("data"), System.out);
        }
    }

    /** The walk-through, on any store. */
    public static void run(Store store, PrintStream out) {
        out.println("store '" + store.name() + "' on backend " + store.backendType() + ", root '" + store.rootPath() + "'");
        long cleared = store.deleteFolder("", true);
        out.println("cleared " + cleared + " file(s) left by an earlier run");

        store.writeText("reports/q1.csv", "region,revenue\nnorth,120\nsouth,95\n", WriteOptions.createOnly());
        store.writeText("reports/q2.csv", "region,revenue\nnorth,130\nsouth,101\n", WriteOptions.createOnly());
        store.writeText("notes/readme.txt", "quarterly figures\n", WriteOptions.createOnly());
        out.println("wrote reports/q1.csv, reports/q2.csv, notes/readme.txt");

        try (Stream<FileInfo> files = store.listFiles("", ListOptions.recursive())) {
            out.println("files in the store:");
            files.sorted((a, b) -> a.path().compareTo(b.path()))
                    .forEach(f -> out.println("  " + f.path() + " (" + f.size() + " bytes)"));
        }
        try (Stream<FileInfo> csv = store.listFiles("reports", ListOptions.flat().withGlob("*.csv"))) {
            out.println("CSV reports: " + csv.count());
        }

        out.println("reports/q1.csv reads:");
        out.print(indent(store.readText("reports/q1.csv")));

        try {
            store.writeText("reports/q1.csv", "clobbered\n", WriteOptions.createOnly());
            out.println("UNEXPECTED: create-only write replaced an existing file");
        } catch (AlreadyExistsException e) {
            out.println("create-only write refused, as it should be: " + e.getClass().getSimpleName());
        }

        WriteResult replaced = store.writeText("reports/q1.csv", "region,revenue\nnorth,121\nsouth,95\n", WriteOptions.overwrite());
        out.println("overwrite succeeded; new etag " + replaced.etag());

        try (StoreOutputStream stream = store.openOutputStream("logs/run.log", WriteOptions.createOnly())) {
            stream.write("line 1\nline 2\n".getBytes(StandardCharsets.UTF_8));
            out.println("mid-stream, logs/run.log exists: " + store.isFile("logs/run.log"));
            stream.commit();
        }
        out.println("after commit, logs/run.log exists: " + store.isFile("logs/run.log"));
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }
}
