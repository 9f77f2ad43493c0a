package dev.remotestore.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3Proxy 4.1.0 running inside the test JVM: a real S3 HTTP server (SigV4 checked, XML errors,
 * conditional writes, multipart) without Docker.
 *
 * <p>S3Proxy 4.x no longer uses jclouds: its in-memory store ({@link TransientNio2BlobStore},
 * on jimfs, so blobs live on the heap) and its filesystem store ({@link FilesystemNio2BlobStore})
 * are its own classes over the AWS SDK v2 model. It listens on 127.0.0.1 on a free port and has
 * one bucket, {@link #BUCKET}, created at start.
 *
 * <p>{@link #shared()} is the one in-memory server of the JVM, started on first use and stopped
 * by a shutdown hook; test classes share it and keep apart by a {@linkplain #uniquePrefix unique
 * prefix} per test. {@link #startOnFilesystem} starts a private server whose blobs are on disk
 * (for tests that must not hold the data on the heap); close it when done.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "rs-test-access-key";
    /** Distinctive, so a test can assert it never appears in a message. */
    public static final String SECRET_KEY = "rs-test-SECRET-9b1f7c2e5d";
    public static final String BUCKET = "rs-test-bucket";
    public static final String REGION = "us-east-1";

    private static final AtomicLong COUNTER = new AtomicLong();
    private static S3ProxyServer shared;

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final Path deleteOnClose;
    private final URI endpoint;
    private final boolean isShared;

    private S3ProxyServer(BlobStore blobStore, Path deleteOnClose, boolean isShared) {
        this.blobStore = blobStore;
        this.deleteOnClose = deleteOnClose;
        this.isShared = isShared;
        this.proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                // The SDK's multipart paths send x-amz-mp-object-size, unknown to S3Proxy.
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        blobStore.createContainer(BUCKET);
    }

    /** The JVM's shared in-memory server, started on first call. Closing it does nothing. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            S3ProxyServer server = new S3ProxyServer(new TransientNio2BlobStore(), null, true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3proxy-shutdown"));
            shared = server;
        }
        return shared;
    }

    /** A private server storing blobs as files under a new temporary directory; close it. */
    public static S3ProxyServer startOnFilesystem() {
        try {
            Path dir = Files.createTempDirectory("rs-s3proxy-fs-");
            return new S3ProxyServer(new FilesystemNio2BlobStore(dir.toString()), dir, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return proxy.getPort();
    }

    public String bucket() {
        return BUCKET;
    }

    /** A prefix (no trailing slash) that no other test of this JVM run uses. */
    public static String uniquePrefix(String label) {
        String clean = label.replaceAll("[^A-Za-z0-9_-]", "-");
        return "t/" + clean + "-" + COUNTER.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A raw SDK client (Apache HTTP client, path-style, us-east-1) on this server. */
    public S3Client newClient() {
        return newClient(endpoint, SECRET_KEY);
    }

    /** A raw SDK client on {@code endpointOverride} with the test access key and {@code secret}. */
    public static S3Client newClient(URI endpointOverride, String secret) {
        return S3Client.builder()
                .endpointOverride(endpointOverride)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public S3Presigner newPresigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Stops the server unless it is the shared one (which a shutdown hook stops). */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // best effort at shutdown
        }
        try {
            blobStore.close();
        } catch (RuntimeException e) {
            // best effort at shutdown
        }
        if (deleteOnClose != null) {
            try (Stream<Path> paths = Files.walk(deleteOnClose)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // best effort
            }
        }
    }

    @Override
    public String toString() {
        return "S3ProxyServer[" + endpoint + ", bucket=" + BUCKET + (isShared ? ", shared" : "") + "]";
    }
}
