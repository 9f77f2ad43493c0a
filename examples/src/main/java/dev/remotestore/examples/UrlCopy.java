package dev.remotestore.examples;

import dev.remotestore.Registry;
import dev.remotestore.RegistryConfig;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.StoreLocation;
import dev.remotestore.StoreOutputStream;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * {@code copy <from-url> <to-url>}: streams one file between any two stores named by URL
 * ({@code file:///...} or a plain path, {@code s3://}, {@code gs://}, {@code az://}, the clouds'
 * https forms), with credentials and endpoints from each cloud's environment variables. Memory
 * stays bounded whatever the size: the read is a lazy stream and the write a streaming upload.
 * A target ending in {@code /} is a folder: the file keeps its name there. The target is
 * overwritten; it appears whole or not at all.
 *
 * <pre>
 * ./mvnw -q -B -pl examples exec:java -Dexample=dev.remotestore.examples.UrlCopy \
 *     -Dexec.args="copy /etc/hostname file:///tmp/url-copy/"
 * </pre>
 */
public final class UrlCopy {
    private UrlCopy() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[0].equals("copy")) {
            System.err.println("usage: copy <from-url> <to-url>");
            System.exit(2);
        }
        try (Registry registry = Registry.of(RegistryConfig.builder().build())) {
            copy(registry, args[1], args[2], System.out);
        } catch (RemoteStoreException e) {
            System.err.println("copy failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Copies {@code from} to {@code to} through {@code registry}; returns the bytes copied. */
    public static long copy(Registry registry, String from, String to, PrintStream out) {
        StoreLocation source = registry.open(from);
        if (source.path().isEmpty()) {
            throw new IllegalArgumentException("the source names a folder, not a file: " + source.uri());
        }
        StoreLocation target = registry.open(to);
        String targetPath = target.path().isEmpty() ? source.path() : target.path();
        long copied;
        try (InputStream in = source.store().read(source.path());
                StoreOutputStream sink = target.store().openOutputStream(targetPath, WriteOptions.overwrite())) {
            copied = in.transferTo(sink);
            sink.commit(); // without commit, close() aborts: a failed copy leaves no partial file
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: store streams throw RemoteStoreException
        }
        out.println("copied " + copied + " bytes from " + source.uri() + " to " + target.uri(targetPath));
        return copied;
    }
}
