package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.testing.RecordingBackend;
import dev.remotestore.testing.RecordingBackendProvider;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A request the backend cannot honour is refused before any I/O; nothing is emulated. */
class CapabilityGatingTest {

    private static final byte[] DATA = {1, 2, 3};
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** A store whose backend declares every capability but {@code missing}. */
    private static Store storeWithout(Capability missing, RecordingBackend[] backendOut) {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all().without(missing));
        backendOut[0] = backend;
        return Store.of("gated", backend, "root");
    }

    /** A request, and the capability it needs. */
    @FunctionalInterface
    interface Request {
        void send(Store store);
    }

    static Stream<Arguments> gatedRequests() {
        return Stream.of(
                Arguments.of(Capability.CREATE_ONLY, "write bytes (default create-only)", (Request) s -> s.write("f", DATA)),
                Arguments.of(Capability.CREATE_ONLY, "write bytes createOnly", (Request) s -> s.write("f", DATA, WriteOptions.createOnly())),
                Arguments.of(Capability.CREATE_ONLY, "write stream createOnly",
                        (Request) s -> s.write("f", new ByteArrayInputStream(DATA), WriteOptions.createOnly())),
                Arguments.of(Capability.CREATE_ONLY, "openOutputStream createOnly",
                        (Request) s -> s.openOutputStream("f", WriteOptions.createOnly())),
                Arguments.of(Capability.CREATE_ONLY, "writeText createOnly", (Request) s -> s.writeText("f", "t", WriteOptions.createOnly())),
                Arguments.of(Capability.CREATE_ONLY, "copy (default create-only)", (Request) s -> s.copy("f", "g")),
                Arguments.of(Capability.CREATE_ONLY, "move (default create-only)", (Request) s -> s.move("f", "g")),
                Arguments.of(Capability.COMPARE_AND_SWAP, "write ifMatch", (Request) s -> s.write("f", DATA, WriteOptions.ifMatch("e1"))),
                Arguments.of(Capability.COMPARE_AND_SWAP, "openOutputStream ifMatch",
                        (Request) s -> s.openOutputStream("f", WriteOptions.ifMatch("e1"))),
                Arguments.of(Capability.USER_METADATA, "write with metadata",
                        (Request) s -> s.write("f", DATA, WriteOptions.overwrite().withMetadata(Map.of("k", "v")))),
                Arguments.of(Capability.CONTENT_TYPE, "write with content type",
                        (Request) s -> s.write("f", DATA, WriteOptions.overwrite().withContentType("text/plain"))),
                Arguments.of(Capability.PRESIGN, "presignRead", (Request) s -> s.presignRead("f", MINUTE)),
                Arguments.of(Capability.PRESIGN, "presignWrite", (Request) s -> s.presignWrite("f", MINUTE)));
    }

    @ParameterizedTest(name = "without {0}: {1} is refused")
    @MethodSource("gatedRequests")
    void requestNeedingAMissingCapabilityIsRefusedWithoutBackendCall(Capability missing, String what, Request request) {
        RecordingBackend[] backend = new RecordingBackend[1];
        Store store = storeWithout(missing, backend);
        UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> request.send(store));
        assertTrue(e.getMessage().contains(missing.name()), e.getMessage());
        assertEquals("gated", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
        assertNotNull(e.path());
        assertEquals(List.of(), backend[0].calls(), "nothing emulated, nothing sent");
    }

    @ParameterizedTest(name = "with every capability: {1} reaches the backend")
    @MethodSource("gatedRequests")
    void sameRequestReachesTheBackendWhenTheCapabilityIsDeclared(Capability needed, String what, Request request) {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("open", backend, "root");
        try {
            request.send(store);
        } catch (RemoteStoreException e) {
            // e.g. NotFound for a copy of a missing file, PreconditionFailed for ifMatch: the backend decided
            assertFalse(e instanceof UnsupportedCapabilityException, e.toString());
        }
        assertFalse(backend.calls().isEmpty(), "the backend was asked");
    }

    @Test
    void overwriteAndPlainWritesNeedNoCapability() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.of());
        Store store = Store.of("bare", backend);
        assertEquals("f", store.write("f", DATA, WriteOptions.overwrite()).path());
        assertEquals("g", store.copy("f", "g", CopyOptions.overwrite()).path());
        assertEquals("h", store.move("g", "h", CopyOptions.overwrite()).path());
        assertEquals(List.of("f", "h"), backend.keys());
    }

    @Test
    void refusedCreateOnlyCopyNamesTheTarget() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.of());
        Store store = Store.of("bare", backend);
        UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                () -> store.move("from.txt", "to.txt"));
        assertEquals("to.txt", e.path());
        assertEquals(List.of(), backend.calls());
    }

    @Test
    void writeCallbackIsNotRunWhenTheWriteIsRefused() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.of());
        Store store = Store.of("bare", backend);
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(UnsupportedCapabilityException.class,
                () -> store.write("f", WriteOptions.createOnly(), out -> ran.set(true)));
        assertFalse(ran.get());
        assertEquals(List.of(), backend.calls());
    }

    @Test
    void createOnlyAndCompareAndSwapAreRealPreconditionsWhenDeclared() {
        Store store = Store.of("full", RecordingBackend.withCapabilities(Capabilities.all()));
        WriteResult first = store.write("f", DATA);
        assertThrows(AlreadyExistsException.class, () -> store.write("f", DATA));
        WriteResult second = store.write("f", new byte[] {9}, WriteOptions.ifMatch(first.etag()));
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> store.write("f", DATA, WriteOptions.ifMatch(first.etag())));
        assertEquals("f", e.path());
        assertEquals(second.etag(), store.getFileInfo("f").etag());
    }

    @Test
    void presignedUrlComesFromTheBackendWhenDeclared() {
        Store store = Store.of("full", RecordingBackend.withCapabilities(Capabilities.all()), "r");
        URI url = store.presignRead("f", MINUTE);
        assertEquals(URI.create("test-recording://get/r/f?expires=60"), url);
    }

    @Test
    void presignRejectsANonPositiveExpiry() {
        Store store = Store.of("full", RecordingBackend.withCapabilities(Capabilities.all()));
        assertThrows(IllegalArgumentException.class, () -> store.presignRead("f", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store.presignWrite("f", Duration.ofSeconds(-1)));
    }

    @Test
    void unwrapOfAnUnsupportedTypeIsAnUnsupportedCapability() {
        Store store = Store.of("u", RecordingBackend.withCapabilities(Capabilities.all()));
        UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> store.unwrap(String.class));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertEquals("u", e.storeName());
        assertEquals(RecordingBackendProvider.TYPE, e.backendType());
    }

    @Test
    void unwrapOfASupportedTypeReturnsTheNativeObject() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("u", backend);
        RecordingBackend.FakeClient client = store.unwrap(RecordingBackend.FakeClient.class);
        assertSame(client, store.unwrap(RecordingBackend.FakeClient.class));
        assertSame(backend, store.unwrap(RecordingBackend.class));
    }

    @Test
    void capabilitiesAreTheBackends() {
        Capabilities caps = Capabilities.of(Capability.CREATE_ONLY, Capability.PRESIGN);
        Store store = Store.of("c", RecordingBackend.withCapabilities(caps));
        assertEquals(caps, store.capabilities());
        assertTrue(store.capabilities().has(Capability.PRESIGN));
        assertFalse(store.capabilities().has(Capability.USER_METADATA));
        assertEquals(caps.with(Capability.VERSIONS).without(Capability.VERSIONS), caps);
        Executable mutate = () -> caps.asSet().add(Capability.VERSIONS);
        assertThrows(UnsupportedOperationException.class, mutate);
    }
}
