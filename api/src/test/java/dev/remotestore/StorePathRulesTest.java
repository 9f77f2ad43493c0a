package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A store applies the path rules to every operation, before its backend hears of the call. */
class StorePathRulesTest {

    /** One store operation given a path. */
    @FunctionalInterface
    interface Operation {
        void call(Store store, String path);
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final List<Arguments> FILE_OPERATIONS = List.of(
            Arguments.of("read", (Operation) (s, p) -> s.read(p)),
            Arguments.of("readBytes", (Operation) (s, p) -> s.readBytes(p)),
            Arguments.of("readText", (Operation) (s, p) -> s.readText(p)),
            Arguments.of("openChannel", (Operation) (s, p) -> s.openChannel(p)),
            Arguments.of("write bytes", (Operation) (s, p) -> s.write(p, new byte[] {1}, WriteOptions.overwrite())),
            Arguments.of("write stream", (Operation) (s, p) -> s.write(p, new ByteArrayInputStream(new byte[1]), WriteOptions.overwrite())),
            Arguments.of("write callback", (Operation) (s, p) -> s.write(p, WriteOptions.overwrite(), out -> out.write(1))),
            Arguments.of("openOutputStream", (Operation) (s, p) -> s.openOutputStream(p, WriteOptions.overwrite())),
            Arguments.of("getFileInfo", (Operation) (s, p) -> s.getFileInfo(p)),
            Arguments.of("delete", (Operation) (s, p) -> s.delete(p)),
            Arguments.of("deleteIfExists", (Operation) (s, p) -> s.deleteIfExists(p)),
            Arguments.of("copy source", (Operation) (s, p) -> s.copy(p, "target", CopyOptions.overwrite())),
            Arguments.of("copy target", (Operation) (s, p) -> s.copy("source", p, CopyOptions.overwrite())),
            Arguments.of("move source", (Operation) (s, p) -> s.move(p, "target", CopyOptions.overwrite())),
            Arguments.of("move target", (Operation) (s, p) -> s.move("source", p, CopyOptions.overwrite())),
            Arguments.of("presignRead", (Operation) (s, p) -> s.presignRead(p, MINUTE)),
            Arguments.of("presignWrite", (Operation) (s, p) -> s.presignWrite(p, MINUTE)));

    private static final List<Arguments> FOLDER_OPERATIONS = List.of(
            Arguments.of("exists", (Operation) (s, p) -> s.exists(p)),
            Arguments.of("isFile", (Operation) (s, p) -> s.isFile(p)),
            Arguments.of("isFolder", (Operation) (s, p) -> s.isFolder(p)),
            Arguments.of("listFiles", (Operation) (s, p) -> s.listFiles(p).close()),
            Arguments.of("listFiles recursive", (Operation) (s, p) -> s.listFiles(p, ListOptions.recursive()).close()),
            Arguments.of("listFolders", (Operation) (s, p) -> s.listFolders(p).close()),
            Arguments.of("deleteFolder", (Operation) (s, p) -> s.deleteFolder(p, true)),
            Arguments.of("child", (Operation) (s, p) -> s.child(p)));

    private static final List<String> ILLEGAL = List.of(
            "../x", "a/../../x", "..", "/x", "\\x", "C:\\x", "a\u0000b", "a\u0001b", "a\u001fb", "a\rb",
            "a\ud800", "\udc00b");

    static Stream<Arguments> everyOperationWithEveryIllegalPath() {
        return Stream.concat(FILE_OPERATIONS.stream(), FOLDER_OPERATIONS.stream())
                .flatMap(op -> ILLEGAL.stream().map(p -> Arguments.of(op.get()[0], op.get()[1], p)));
    }

    static Stream<Arguments> fileOperations() {
        return FILE_OPERATIONS.stream();
    }

    static Stream<Arguments> folderOperations() {
        return FOLDER_OPERATIONS.stream();
    }

    private RecordingBackend backend;
    private Store store;

    @BeforeEach
    void newStore() {
        backend = RecordingBackend.withCapabilities(Capabilities.all());
        store = Store.of("docs", backend, "root");
    }

    @ParameterizedTest(name = "{0} rejects \"{2}\"")
    @MethodSource("everyOperationWithEveryIllegalPath")
    void illegalPathIsRejectedBeforeAnyBackendCall(String name, Operation operation, String path) {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> operation.call(store, path));
        assertEquals("docs", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertEquals(StorePaths.printable(path), e.path(), "the caller's path, not the key");
        assertTrue(e.getMessage().startsWith("Illegal path: docs/" + StorePaths.printable(path)
                + " (" + RecordingBackendProvider.TYPE + "): "), e.getMessage());
        assertEquals(List.of(), backend.calls());
    }

    @ParameterizedTest(name = "{0} rejects null")
    @MethodSource({"fileOperations", "folderOperations"})
    void nullPathIsRejectedBeforeAnyBackendCall(String name, Operation operation) {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> operation.call(store, null));
        assertEquals("docs", e.storeName());
        assertNull(e.path());
        assertEquals(List.of(), backend.calls());
    }

    @ParameterizedTest(name = "{0} rejects the root \"\"")
    @MethodSource("fileOperations")
    void emptyPathIsRejectedForFileOperations(String name, Operation operation) {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> operation.call(store, ""));
        assertEquals("", e.path());
        assertTrue(e.getMessage().contains("root"), e.getMessage());
        assertEquals(List.of(), backend.calls());
    }

    @ParameterizedTest(name = "{0} accepts the root \"\"")
    @MethodSource("folderOperations")
    void emptyPathIsTheRootForFolderOperations(String name, Operation operation) {
        operation.call(store, "");
        assertTrue(backend.calls().stream().allMatch(c -> c.endsWith(":root")), backend.calls().toString());
    }

    @Test
    void rootAlwaysExistsAndIsAFolderButNotAFile() {
        assertTrue(store.exists(""));
        assertTrue(store.isFolder("."));
        assertFalse(store.isFile(""));
    }

    @Test
    void pathsAreNormalisedBeforeReachingTheBackend() {
        store.write("a\\b//c/./d.txt/", new byte[] {1});
        assertEquals(List.of("root/a/b/c/d.txt"), backend.keys());
        assertTrue(store.isFile("./a/b/c/d.txt"));
        assertTrue(store.isFolder("a\\b\\"));
    }

    @Test
    void percentEncodedDotsAreALiteralName() {
        WriteResult r = store.write("%2e%2e/x", new byte[] {1});
        assertEquals("%2e%2e/x", r.path());
        assertEquals(List.of("root/%2e%2e/x"), backend.keys());
    }

    @Test
    void storeOfRejectsAnEscapingRootWithTheStoreContext() {
        IllegalPathException e = assertThrows(IllegalPathException.class, () -> Store.of("docs", backend, "../up"));
        assertEquals("docs", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertEquals("../up", e.path());
    }

    @Test
    void copyToAnExistingTargetNamesTheTarget() {
        store.write("source", new byte[] {1});
        store.write("target", new byte[] {2});
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> store.copy("source", "target"));
        assertEquals("target", e.path());
        assertEquals("docs", e.storeName());
    }

    @Test
    void copyFromAMissingSourceNamesTheSource() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.move("missing", "target"));
        assertEquals("missing", e.path());
    }
}
