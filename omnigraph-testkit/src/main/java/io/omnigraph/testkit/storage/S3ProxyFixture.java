package io.omnigraph.testkit.storage;

import io.omnigraph.storage.s3.S3Config;
import io.omnigraph.storage.s3.S3ObjectStore;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One S3Proxy per JVM, in-process on {@code 127.0.0.1:<free port>}, with an in-memory blob store and AWS V2/V4
 * signature checking. It is started on first use and stopped by a shutdown hook. Each test takes a fresh bucket
 * ({@link #newStore()}), so tests never see each other's objects.
 *
 * <p>This is a real S3 protocol endpoint: the {@link S3ObjectStore} under test talks HTTP to it through the AWS SDK
 * and the Apache client, exactly as it would talk to AWS, MinIO or R2. One server-side fix is applied: S3Proxy's
 * conditional PUTs are made atomic per key ({@link AtomicConditionalBlobStore}), as they are on AWS.
 */
public final class S3ProxyFixture {
    /** Credentials S3Proxy accepts. */
    public static final String ACCESS_KEY = "omnigraph-test-key";
    public static final String SECRET_KEY = "omnigraph-test-secret";

    private static S3ProxyFixture shared;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;
    private final AtomicLong buckets = new AtomicLong();
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    private S3ProxyFixture() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new AtomicConditionalBlobStore(new TransientNio2BlobStore()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(5);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3ObjectStore.newClient(config());
    }

    /** The JVM-wide instance, started on first use. */
    public static synchronized S3ProxyFixture shared() {
        if (shared == null) {
            try {
                shared = new S3ProxyFixture();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-process S3Proxy: " + e, e);
            }
            S3ProxyFixture started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "s3proxy-stop"));
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Client configuration for this endpoint (path style, plain http allowed, the fixture's credentials). */
    public S3Config config() {
        return S3Config.builder().endpoint(endpoint).region("us-east-1").forcePathStyle(true).allowHttp(true)
                .credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    /** The {@code AWS_*} environment that points {@code ObjectStores.open(location, env)} at this endpoint. */
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_S3", endpoint.toString(), "AWS_ALLOW_HTTP", "true", "AWS_REGION",
                "us-east-1", "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** A shared admin client (do not close it). */
    public S3Client client() {
        return client;
    }

    /** Creates a fresh, empty bucket and returns its name. */
    public String createBucket() {
        String name = "og-" + runId + "-" + buckets.incrementAndGet();
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    /** A store over a fresh bucket, sharing the fixture's client (closing the store leaves the client open). */
    public S3ObjectStore newStore() {
        return newStore("");
    }

    /** A store over a fresh bucket under {@code prefix}. */
    public S3ObjectStore newStore(String prefix) {
        return new S3ObjectStore(client, createBucket(), prefix);
    }

    private void stop() {
        try {
            client.close();
            proxy.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
