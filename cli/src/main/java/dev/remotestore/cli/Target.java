package dev.remotestore.cli;

import dev.remotestore.NotFoundException;
import dev.remotestore.Store;
import dev.remotestore.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A resolved TARGET: a store and a path in it, and for a local target also the file's
 * {@link Path} (uploads and downloads use it). A local target opens its store (a {@code local}
 * store rooted at the parent folder) only when asked, so that reading a missing local file
 * creates no folder.
 */
final class Target {
    private final TargetSyntax syntax;
    private final Session session;
    private final Path local;
    private Store store;
    private String path;

    Target(TargetSyntax syntax, Session session, Store store, String path, Path local) {
        this.syntax = syntax;
        this.session = session;
        this.store = store;
        this.path = path;
        this.local = local;
    }

    boolean isLocal() {
        return local != null;
    }

    /** The local file or folder; only for {@link #isLocal()} targets. */
    Path local() {
        return local;
    }

    Store store() {
        open();
        return store;
    }

    /** The path in {@link #store()}; {@code ""} for the store's root. */
    String path() {
        open();
        return path;
    }

    String display() {
        return syntax.display();
    }

    boolean endsWithSeparator() {
        return syntax.endsWithSeparator();
    }

    /** Fails with {@link NotFoundException} when a local target does not exist. */
    Target requireLocalExists() {
        if (local != null && !Files.exists(local)) {
            throw new NotFoundException("no such local file or folder", display());
        }
        return this;
    }

    boolean isFolder() {
        if (local != null) {
            return Files.isDirectory(local);
        }
        return path().isEmpty() || store().isFolder(path());
    }

    boolean isFile() {
        if (local != null) {
            return Files.isRegularFile(local);
        }
        return !path().isEmpty() && store().isFile(path());
    }

    /** This target with {@code name} appended (a file inside this folder). */
    Target child(String name) {
        if (local != null) {
            return session.local(new TargetSyntax(TargetSyntax.Kind.LOCAL, local.resolve(name).toString(), null, null));
        }
        String joined = path().isEmpty() ? name : path() + "/" + name;
        return new Target(syntax, session, store(), joined, null);
    }

    private void open() {
        if (store == null) {
            Path parent = local.getParent();
            if (parent == null) {
                store = session.registry().openFolder(local.toString());
                path = "";
            } else {
                StoreLocation at = session.registry().open(local.toString());
                store = at.store();
                path = at.path();
            }
        }
    }
}
