package dev.remotestore.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderEntry;
import dev.remotestore.ListOptions;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.Store;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links cannot carry an operation out of the root; a key that would leave it is refused
 * with {@link PermissionDeniedException}. Links that stay inside the root work.
 */
class LocalSymlinkTest {
    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private Store store;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("root");
        outside = temp.resolve("outside");
        Files.createDirectories(outside);
        Files.write(outside.resolve("secret.txt"), "secret".getBytes(UTF_8));
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("leak.txt"), outside.resolve("secret.txt"));
        store = Store.of("t", LocalBackend.create(root));
    }

    private Set<String> outsideTree() throws IOException {
        try (Stream<Path> all = Files.walk(outside)) {
            return all.map(p -> outside.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : -1))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aLinkedFolderLeadingOutsideCannotBeReadThrough() {
        assertThrows(PermissionDeniedException.class, () -> store.readBytes("escape/secret.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.openChannel("escape/secret.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.getFileInfo("escape/secret.txt"));
        assertFalse(store.isFile("escape/secret.txt"));
        assertFalse(store.isFolder("escape"));
    }

    @Test
    void aLinkedFolderLeadingOutsideCannotBeWrittenThrough() throws IOException {
        Set<String> before = outsideTree();
        for (WriteOptions mode : new WriteOptions[] {WriteOptions.overwrite(), WriteOptions.createOnly()}) {
            assertThrows(PermissionDeniedException.class, () -> store.write("escape/new.txt", new byte[1], mode));
            assertThrows(PermissionDeniedException.class, () -> store.write("escape/sub/dir/new.txt", new byte[1], mode));
        }
        assertThrows(PermissionDeniedException.class,
                () -> store.write("escape/secret.txt", new byte[1], WriteOptions.ifMatch("x")));
        assertThrows(PermissionDeniedException.class, () -> store.openOutputStream("escape/s.txt", WriteOptions.overwrite()));
        store.write("inside.txt", "in".getBytes(UTF_8));
        assertThrows(PermissionDeniedException.class, () -> store.copy("inside.txt", "escape/copied.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.move("inside.txt", "escape/moved.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.move("escape/secret.txt", "stolen.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.copy("escape/secret.txt", "stolen.txt"));
        assertEquals(before, outsideTree());
        assertFalse(store.isFile("stolen.txt"));
        assertEquals("in", store.readText("inside.txt"));
    }

    @Test
    void aLinkedFolderLeadingOutsideIsNotListed() {
        store.write("real/a.txt", new byte[1]);
        try (Stream<FileInfo> files = store.listFiles("", ListOptions.recursive())) {
            assertEquals(Set.of("real/a.txt"), files.map(FileInfo::path).collect(Collectors.toSet()));
        }
        try (Stream<FolderEntry> folders = store.listFolders("")) {
            assertEquals(Set.of("real"), folders.map(FolderEntry::path).collect(Collectors.toSet()));
        }
        assertThrows(PermissionDeniedException.class, () -> store.listFiles("escape").count());
    }

    @Test
    void aLinkedFolderLeadingOutsideCannotBeUsedToDelete() throws IOException {
        Set<String> before = outsideTree();
        assertThrows(PermissionDeniedException.class, () -> store.delete("escape/secret.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.deleteFolder("escape", true));
        assertThrows(PermissionDeniedException.class, () -> store.deleteFolder("escape", false));
        assertEquals(before, outsideTree());
        // emptying the root removes the links themselves, never what they point to
        store.deleteFolder("", true);
        assertEquals(before, outsideTree());
        assertFalse(Files.exists(root.resolve("escape"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkedFileLeadingOutsideIsNotReadable() {
        assertThrows(PermissionDeniedException.class, () -> store.readBytes("leak.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.getFileInfo("leak.txt"));
        assertFalse(store.isFile("leak.txt"));
        try (Stream<FileInfo> files = store.listFiles("")) {
            assertEquals(Set.of(), files.map(FileInfo::path).collect(Collectors.toSet()));
        }
        assertThrows(PermissionDeniedException.class, () -> store.delete("leak.txt"));
        assertTrue(Files.isRegularFile(outside.resolve("secret.txt")));
    }

    @Test
    void overwritingALinkedFileReplacesTheLinkNotItsTarget() throws IOException {
        store.write("leak.txt", "mine".getBytes(UTF_8), WriteOptions.overwrite());
        assertEquals("mine", store.readText("leak.txt"));
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void aLinkPointingInsideTheRootWorksForReading() throws IOException {
        store.write("data/real.txt", "hello".getBytes(UTF_8));
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("data/real.txt"));
        Files.createSymbolicLink(root.resolve("datalink"), Path.of("data")); // relative, inside
        assertEquals("hello", store.readText("alias.txt"));
        assertEquals("hello", store.readText("datalink/real.txt"));
        assertTrue(store.isFile("alias.txt"));
        assertEquals(5, store.getFileInfo("alias.txt").size());
        try (Stream<FileInfo> files = store.listFiles("")) {
            assertEquals(Set.of("alias.txt"), files.map(FileInfo::path).collect(Collectors.toSet()),
                    "a linked file inside the root is listed; the linked folder is not descended");
        }
    }

    @Test
    void aLinkDeeperInTheKeyIsCheckedLikeOneAtTheTop() throws IOException {
        Set<String> before = outsideTree();
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/out"), outside);
        assertThrows(PermissionDeniedException.class, () -> store.readBytes("a/b/out/secret.txt"));
        assertThrows(PermissionDeniedException.class, () -> store.write("a/b/out/new.txt", new byte[1], WriteOptions.overwrite()));
        assertThrows(PermissionDeniedException.class, () -> store.write("a/b/out/c/d/new.txt", new byte[1]));
        assertThrows(PermissionDeniedException.class, () -> store.delete("a/b/out/secret.txt"));
        assertEquals(before, outsideTree());
        store.write("a/b/c/d/new.txt", "deep".getBytes(UTF_8)); // missing folders under real ones are created
        assertEquals("deep", Files.readString(root.resolve("a/b/c/d/new.txt")));
    }

    @Test
    void aLinkedFolderInsideTheRootCanBeWrittenThrough() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("datalink"), Path.of("data"));
        store.write("datalink/new.txt", "via link".getBytes(UTF_8));
        assertEquals("via link", Files.readString(root.resolve("data/new.txt")));
        assertEquals("via link", store.readText("data/new.txt"));
        store.delete("datalink/new.txt");
        assertFalse(Files.exists(root.resolve("data/new.txt")));
    }

    @Test
    void aRootConfiguredThroughALinkWorks() throws IOException {
        Path rootLink = temp.resolve("root-link");
        Files.createSymbolicLink(rootLink, root);
        Store viaLink = Store.of("l", LocalBackend.create(rootLink));
        viaLink.write("x/y.txt", "through".getBytes(UTF_8));
        assertEquals("through", Files.readString(root.resolve("x/y.txt")));
        assertEquals("through", viaLink.readText("x/y.txt"));
        assertThrows(PermissionDeniedException.class, () -> viaLink.readBytes("escape/secret.txt"));
        viaLink.delete("x/y.txt");
        assertFalse(Files.exists(root.resolve("x")), "the emptied folder is pruned");
    }
}
