package io.omnigraph.storage.s3;

import io.omnigraph.storage.Keys;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ObjectStore} in an S3 bucket under a key prefix, over the AWS SDK v2 {@link S3Client} with the Apache
 * HTTP client.
 *
 * <ul>
 *   <li>Object key = prefix + store key; {@code s3://bucket/graphs/a} stores {@code refs/x} as
 *       {@code graphs/a/refs/x}.</li>
 *   <li>Version token = the ETag exactly as S3 returns it (with its quotes); {@link #putIfMatch} sends it back in
 *       {@code If-Match}. {@link #putIfAbsent} sends {@code If-None-Match: *}.</li>
 *   <li>Transport errors are retried by the SDK's standard retry policy; nothing is retried on top. A conditional
 *       write whose first attempt landed but whose response was lost is retried by the SDK and then answers 412: see
 *       {@link io.omnigraph.storage.wrap.ConditionalWrites}.</li>
 *   <li>Failures map to {@link StoreException}: 404 → empty / {@code NotFound} (a missing bucket is
 *       {@code Configuration}); 412, and 409 on conditional writes → {@code PreconditionFailed}; 403, 301, wrong
 *       region, unknown host, missing credentials → {@code Configuration}; 429, 5xx, timeouts and I/O errors →
 *       {@code Transient}; anything else → {@code Permanent}.</li>
 * </ul>
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client client;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final String endpointForMessages;
    private final int listPageSize;

    /** Keys per ListObjectsV2 page unless changed with {@link #withListPageSize(int)} (S3's maximum). */
    public static final int DEFAULT_LIST_PAGE_SIZE = 1000;

    /**
     * A store over a client the caller owns (not closed by {@link #close()}); {@code prefix} may be empty or end with
     * '/'.
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix) {
        this(client, false, bucket, prefix, "", DEFAULT_LIST_PAGE_SIZE);
    }

    private S3ObjectStore(S3Client client, boolean ownsClient, String bucket, String prefix, String endpoint,
                          int listPageSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.bucket = checkBucket(bucket);
        try {
            this.prefix = Keys.checkScope(prefix);
        } catch (StoreException e) {
            if (ownsClient) {
                client.close();
            }
            throw new StoreException.Configuration(StorageErrorCode.INVALID_LOCATION, "", "invalid S3 key prefix '"
                    + prefix + "' for bucket " + bucket + ": " + e.getMessage(), e);
        }
        this.endpointForMessages = endpoint;
        this.listPageSize = listPageSize;
    }

    /**
     * The same store, listing {@code pageSize} keys per ListObjectsV2 request (for servers with a lower cap, and to
     * test pagination cheaply). The copy shares this store's client and does not close it.
     */
    public S3ObjectStore withListPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > DEFAULT_LIST_PAGE_SIZE) {
            throw new IllegalArgumentException("list page size must be in [1, 1000], got " + pageSize);
        }
        return new S3ObjectStore(client, false, bucket, prefix, endpointForMessages, pageSize);
    }

    /** Opens a store with its own client built from {@code config}; {@link #close()} closes that client. */
    public static S3ObjectStore open(S3Config config, String bucket, String prefix) {
        checkBucket(bucket);
        S3Client client = newClient(config);
        return new S3ObjectStore(client, true, bucket, prefix,
                config.endpoint().map(e -> " at endpoint " + e).orElse(""), DEFAULT_LIST_PAGE_SIZE);
    }

    /** A client for {@code config} (Apache HTTP client, SDK default retries). The caller closes it. */
    public static S3Client newClient(S3Config config) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(config.maxConnections())
                        .expectContinueEnabled(false))
                .region(Region.of(config.region()))
                .forcePathStyle(config.forcePathStyle())
                .credentialsProvider(credentials(config));
        config.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static AwsCredentialsProvider credentials(S3Config config) {
        return config.credentials().<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                c.sessionToken().<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                t -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), t))
                        .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private static String checkBucket(String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new StoreException.Configuration(StorageErrorCode.INVALID_LOCATION, "",
                    "S3 bucket name is empty: use s3://<bucket>/<prefix>", null);
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (c == '/' || c <= ' ' || c == 0x7f) {
                throw new StoreException.Configuration(StorageErrorCode.INVALID_LOCATION, "",
                        "S3 bucket name '" + bucket + "' contains '/', a space or a control character", null);
            }
        }
        return bucket;
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The key prefix: empty, or ending with '/'. */
    public String prefix() {
        return prefix;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Optional<StoredObject> get(String key) {
        String k = objectKey(key);
        try {
            ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(bucket).key(k));
            return Optional.of(new StoredObject(r.asByteArray(), r.response().eTag()));
        } catch (SdkException e) {
            StoreException f = failure("GET", key, e, false);
            if (f instanceof StoreException.NotFound) {
                return Optional.empty();
            }
            throw f;
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        String k = objectKey(key);
        try {
            HeadObjectResponse r = client.headObject(b -> b.bucket(bucket).key(k));
            return Optional.of(new ObjectInfo(key, r.contentLength(), r.eTag()));
        } catch (SdkException e) {
            StoreException f = failure("HEAD", key, e, false);
            if (f instanceof StoreException.NotFound) {
                return Optional.empty();
            }
            throw f;
        }
    }

    @Override
    public List<ObjectInfo> list(String listPrefix) {
        String p = prefix + Keys.checkPrefix(listPrefix);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(p)
                    .maxKeys(listPageSize).build();
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(request)) {
                for (S3Object o : page.contents()) {
                    if (!o.key().startsWith(prefix)) {
                        continue;
                    }
                    String key = o.key().substring(prefix.length());
                    if (validKey(key)) { // skips "folder/" markers made by consoles, and foreign odd names
                        out.add(new ObjectInfo(key, o.size(), o.eTag()));
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("LIST", listPrefix == null ? "" : listPrefix, e, false);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public String put(String key, byte[] bytes) {
        return write("PUT", key, bytes, b -> b, false);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        return write("PUT If-None-Match", key, bytes, b -> b.ifNoneMatch("*"), true);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        return write("PUT If-Match", key, bytes, b -> b.ifMatch(expectedVersion), true);
    }

    private String write(String op, String key, byte[] bytes,
                         java.util.function.UnaryOperator<PutObjectRequest.Builder> condition, boolean conditional) {
        String k = objectKey(key);
        Objects.requireNonNull(bytes, "bytes");
        PutObjectRequest request = condition.apply(PutObjectRequest.builder().bucket(bucket).key(k)
                .contentLength((long) bytes.length)).build();
        try {
            return client.putObject(request, RequestBody.fromBytes(bytes)).eTag();
        } catch (SdkException e) {
            throw failure(op, key, e, conditional);
        }
    }

    @Override
    public void delete(String key) {
        String k = objectKey(key);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(k));
        } catch (SdkException e) {
            StoreException f = failure("DELETE", key, e, false);
            if (!(f instanceof StoreException.NotFound)) {
                throw f;
            }
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + location() + endpointForMessages + "]";
    }

    // ------------------------------------------------------------------------------------------------ internals

    private String objectKey(String key) {
        return prefix + Keys.check(key);
    }

    private static boolean validKey(String key) {
        try {
            Keys.check(key);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Maps an SDK failure to the storage layer's typed failures, with a message that names the object and a fix. */
    StoreException failure(String op, String key, SdkException e, boolean conditional) {
        String where = "S3 " + op + " " + location() + (key.isEmpty() ? "" : "/" + key) + endpointForMessages;
        if (e instanceof SdkServiceException se) {
            int status = se.statusCode();
            String code = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                    && s3.awsErrorDetails().errorCode() != null ? s3.awsErrorDetails().errorCode() : "";
            String detail = where + " failed: HTTP " + status + (code.isEmpty() ? "" : " " + code);
            if (code.equals("NoSuchBucket")) {
                return new StoreException.Configuration(key, detail + ": bucket '" + bucket
                        + "' does not exist; create it or fix the storage location", e);
            }
            if (status == 404) {
                return conditional
                        ? new StoreException.PreconditionFailed(key, "object " + key + " does not exist (" + detail
                        + ")", e)
                        : new StoreException.NotFound(key, detail);
            }
            if (status == 412) {
                return new StoreException.PreconditionFailed(key, conditionalMessage(op, key) + " (" + detail + ")",
                        e);
            }
            if (status == 409) {
                return conditional
                        ? new StoreException.PreconditionFailed(key, conditionalMessage(op, key)
                        + ": a concurrent conditional write is in progress (" + detail + ")", e)
                        : new StoreException.Transient(key, detail + ": conflicting concurrent operation; retry", e);
            }
            if (status == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")) {
                return new StoreException.Configuration(key, detail + ": access denied; check AWS_ACCESS_KEY_ID /"
                        + " AWS_SECRET_ACCESS_KEY (or the role) and the bucket policy", e);
            }
            if (status == 301 || status == 307 || code.equals("PermanentRedirect")
                    || code.equals("AuthorizationHeaderMalformed") || code.equals("IllegalLocationConstraintException")) {
                return new StoreException.Configuration(key, detail + ": the bucket is in another region or needs"
                        + " another endpoint; set AWS_REGION (and AWS_ENDPOINT_URL_S3 / AWS_S3_FORCE_PATH_STYLE)", e);
            }
            if (code.equals("InvalidBucketName")) {
                return new StoreException.Configuration(key, detail + ": invalid bucket name '" + bucket + "'", e);
            }
            if (status == 429 || status >= 500 || code.equals("SlowDown") || code.equals("RequestTimeout")
                    || code.equals("InternalError") || se.isThrottlingException()) {
                return new StoreException.Transient(key, detail + " (after the SDK's retries)"
                        + (op.startsWith("PUT") ? "; the write may or may not have landed" : ""), e);
            }
            return new StoreException.Permanent(key, detail + ": " + e.getMessage(), e);
        }
        if (causedBy(e, UnknownHostException.class)) {
            return new StoreException.Configuration(key, where + " failed: unknown host (" + rootMessage(e)
                    + "); check AWS_ENDPOINT_URL_S3 / AWS_REGION", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new StoreException.Configuration(key, where + " failed: no AWS credentials found; set"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile or role", e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causedBy(e, IOException.class) || e.retryable()) {
            String what = causedBy(e, ConnectException.class) ? "cannot connect" : "transport error";
            if (causedBy(e, InterruptedIOException.class) || e instanceof ApiCallTimeoutException) {
                what = "timed out";
            }
            return new StoreException.Transient(key, where + " failed: " + what + " (" + rootMessage(e) + ")"
                    + (op.startsWith("PUT") ? "; the write may or may not have landed" : ""), e);
        }
        return new StoreException.Permanent(key, where + " failed: " + e.getMessage(), e);
    }

    private static String conditionalMessage(String op, String key) {
        return op.endsWith("If-None-Match") ? "object already exists: " + key
                : "object " + key + " has changed (If-Match failed)";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
