package dev.remotestore.contract;

import static dev.remotestore.contract.StoreFixture.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotestore.Capabilities;
import dev.remotestore.Capability;
import dev.remotestore.UnsupportedCapabilityException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Capability gating and the native escape hatches: a declared capability works, an undeclared
 * one is refused with {@link UnsupportedCapabilityException} and nothing is written.
 */
public interface CapabilityContract extends StoreFixture {

    @Test
    default void capabilitiesAreDeclaredAndFixed() {
        Capabilities caps = store().capabilities();

        assertNotNull(caps);
        assertEquals(caps, store().capabilities());
        assertEquals(caps, store().child("sub").capabilities(), "a child store shares its backend's capabilities");
        assertFalse(store().backendType().isBlank());
    }

    @Test
    default void presignReadGivesAUrlThatServesTheBytesOrIsRefused() throws IOException, InterruptedException {
        byte[] data = randomBytes(70_000, 40);
        put("signed/read me.bin", data);
        if (!has(Capability.PRESIGN)) {
            assertThrows(UnsupportedCapabilityException.class, () -> store().presignRead("signed/read me.bin", Duration.ofMinutes(5)));
            return;
        }

        URI url = store().presignRead("signed/read me.bin", Duration.ofMinutes(5));

        HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> "GET " + url + " answered " + response.statusCode());
        assertArrayEquals(data, response.body());
    }

    @Test
    default void presignWriteGivesAUrlThatStoresTheBytesOrIsRefused() throws IOException, InterruptedException {
        byte[] data = randomBytes(70_000, 41);
        if (!has(Capability.PRESIGN)) {
            assertRefusedUnsupported("signed/put.bin", () -> store().presignWrite("signed/put.bin", Duration.ofMinutes(5)));
            return;
        }

        URI url = store().presignWrite("signed/put.bin", Duration.ofMinutes(5));
        assertFalse(store().isFile("signed/put.bin"), "presigning writes nothing");

        // Azure needs the blob type on a PUT; S3 and GCS ignore a header they do not know.
        HttpRequest put = HttpRequest.newBuilder(url).header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build();
        HttpResponse<String> response = http().send(put, HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, () -> "PUT " + url + " answered " + response.statusCode() + ": " + response.body());
        assertContent("signed/put.bin", data);
    }

    @Test
    default void presignOfAnIllegalExpiryIsRefused() {
        put("f.txt", "x");

        assertThrows(IllegalArgumentException.class, () -> store().presignRead("f.txt", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store().presignWrite("f.txt", Duration.ofSeconds(-1)));
    }

    @Test
    default void unwrapOfATypeTheBackendDoesNotOfferIsUnsupported() {
        assertThrows(UnsupportedCapabilityException.class, () -> store().unwrap(CapabilityContract.class));
        assertThrows(UnsupportedCapabilityException.class, () -> store().unwrap(java.util.concurrent.Phaser.class));
    }

    @Test
    default void pingSucceedsAndLeavesTheStoreUsable() {
        store().ping();
        store().ping();

        put("after-ping.txt", "ok");
        assertText("after-ping.txt", "ok");
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
