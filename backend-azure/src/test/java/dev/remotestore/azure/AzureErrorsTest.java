package dev.remotestore.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.PreconditionFailedException;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** AzureErrors against real answers from Azurite, plus a synthetic 503 (Azurite never sends one). */
class AzureErrorsTest {
    private static BlobContainerClient container;

    @BeforeAll
    static void container() {
        container = AzuriteServer.shared().newContainer("errors");
        container.getBlobClient("there.txt").upload(BinaryData.fromString("x"));
    }

    @AfterAll
    static void drop() {
        if (container != null) {
            container.delete();
        }
    }

    @Test
    void missingBlobIsNotFound() {
        BlobStorageException e = assertThrows(BlobStorageException.class, () -> container.getBlobClient("nope").getProperties());
        RemoteStoreException mapped = AzureErrors.map("Get Blob Properties", "nope", e);
        assertInstanceOf(NotFoundException.class, mapped);
        assertEquals("nope", mapped.path());
        assertSame(e, mapped.getCause());
        assertTrue(mapped.getMessage().contains("BlobNotFound") && mapped.getMessage().contains("HTTP 404"), mapped.getMessage());
    }

    @Test
    void createOnlyCollisionIsAlreadyExistsWhetherAzuriteSays409OrAzure412() {
        BlobStorageException e = assertThrows(BlobStorageException.class, () -> container.getBlobClient("there.txt").getBlockBlobClient()
                .uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromString("y"))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, null));
        assertEquals(409, e.getStatusCode());
        assertInstanceOf(AlreadyExistsException.class, AzureErrors.mapWrite("Put Blob", "there.txt", WriteOptions.Mode.CREATE_ONLY, e));
        assertInstanceOf(AlreadyExistsException.class,
                AzureErrors.mapWrite("Put Blob", "there.txt", WriteOptions.Mode.CREATE_ONLY, synthetic(412, "ConditionNotMet")));
    }

    @Test
    void compareAndSwapMismatchIsPreconditionFailed() {
        BlobStorageException e = assertThrows(BlobStorageException.class, () -> container.getBlobClient("there.txt").getBlockBlobClient()
                .uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromString("y"))
                        .setRequestConditions(new BlobRequestConditions().setIfMatch("\"0x8DEADBEEF\"")), null, null));
        assertEquals(412, e.getStatusCode());
        assertInstanceOf(PreconditionFailedException.class, AzureErrors.mapWrite("Put Blob", "there.txt", WriteOptions.Mode.IF_MATCH, e));
        assertInstanceOf(PreconditionFailedException.class, AzureErrors.map("Put Blob", "there.txt", e));
        BlobStorageException missing = assertThrows(BlobStorageException.class, () -> container.getBlobClient("gone.txt").getBlockBlobClient()
                .uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromString("y"))
                        .setRequestConditions(new BlobRequestConditions().setIfMatch("\"0x8DEADBEEF\"")), null, null));
        assertInstanceOf(PreconditionFailedException.class, AzureErrors.mapWrite("Put Blob", "gone.txt", WriteOptions.Mode.IF_MATCH, missing));
    }

    @Test
    void wrongKeyIsPermissionDeniedAndTheKeyIsNotInTheMessage() {
        String wrongKey = Base64.getEncoder().encodeToString("not the right key at all, 64 bytes long......".getBytes(StandardCharsets.US_ASCII));
        BlobContainerClient wrong = new BlobServiceClientBuilder().endpoint(AzuriteServer.shared().endpoint().toString())
                .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, wrongKey))
                .buildClient().getBlobContainerClient(container.getBlobContainerName());
        BlobStorageException e = assertThrows(BlobStorageException.class, () -> wrong.getBlobClient("there.txt").downloadContent());
        assertEquals(403, e.getStatusCode());
        RemoteStoreException mapped = AzureErrors.map("Get Blob", "there.txt", e);
        assertInstanceOf(PermissionDeniedException.class, mapped);
        assertFalse(mapped.getMessage().contains(wrongKey));
    }

    @Test
    void serverErrorsAndThrottlingAreBackendUnavailable() {
        assertInstanceOf(BackendUnavailableException.class, AzureErrors.map("Get Blob", "k", synthetic(503, "ServerBusy")));
        assertInstanceOf(BackendUnavailableException.class, AzureErrors.map("Get Blob", "k", synthetic(500, "InternalError")));
        assertInstanceOf(BackendUnavailableException.class, AzureErrors.map("Get Blob", "k", synthetic(429, null)));
    }

    @Test
    void nioIoExceptionsAreMappedToo() {
        assertInstanceOf(NotFoundException.class, AzureErrors.map("read", "k", new NoSuchFileException("k")));
        assertInstanceOf(NotFoundException.class, AzureErrors.map("read", "k", new IOException("Path: 'c:/k' does not exist.")));
        assertInstanceOf(NotFoundException.class, AzureErrors.map("read", "k", new IOException("wrapped", synthetic(404, "BlobNotFound"))));
        assertInstanceOf(BackendUnavailableException.class, AzureErrors.map("read", "k", new IOException("Connection reset")));
    }

    @Test
    void projectErrorsPassThroughUnchanged() {
        NotFoundException original = new NotFoundException("x", "k");
        assertSame(original, AzureErrors.map("op", "k", original));
    }

    private static BlobStorageException synthetic(int status, String code) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, "http://127.0.0.1/devstoreaccount1/c/k");
        HttpHeaders headers = new HttpHeaders();
        if (code != null) {
            headers.set("x-ms-error-code", code);
        }
        HttpResponse response = new HttpResponse(request) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(new byte[0]);
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just("");
            }

            @Override
            public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                return Mono.just("");
            }
        };
        return new BlobStorageException("synthetic " + status, response, null);
    }
}
