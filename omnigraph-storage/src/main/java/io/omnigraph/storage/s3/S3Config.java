package io.omnigraph.storage.s3;

import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3-compatible service. Built from the standard AWS environment ({@link #fromEnvironment()}) or
 * programmatically ({@link #builder()}, for tests).
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Meaning</th><th>Default</th></tr>
 *   <tr><td>{@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}</td><td>endpoint override (MinIO, S3Proxy,
 *       R2, …)</td><td>AWS</td></tr>
 *   <tr><td>{@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}</td><td>signing region</td><td>us-east-1</td></tr>
 *   <tr><td>{@code AWS_S3_FORCE_PATH_STYLE}</td><td>{@code http://host/bucket/key} instead of
 *       {@code http://bucket.host/key}</td><td>true when an endpoint override is set, else false</td></tr>
 *   <tr><td>{@code AWS_ALLOW_HTTP}</td><td>permit a plain {@code http://} endpoint</td><td>false</td></tr>
 *   <tr><td>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}</td><td>static
 *       credentials; when absent the SDK's default chain is used (profiles, SSO, web identity, container and
 *       instance roles)</td><td>default chain</td></tr>
 * </table>
 *
 * @param endpoint       endpoint override; empty means AWS itself
 * @param region         signing region, e.g. {@code us-east-1}
 * @param forcePathStyle path-style addressing
 * @param allowHttp      whether an {@code http://} endpoint is permitted
 * @param credentials    static credentials; empty means the SDK's default provider chain
 * @param maxConnections HTTP connection pool size
 */
public record S3Config(Optional<URI> endpoint, String region, boolean forcePathStyle, boolean allowHttp,
                       Optional<Credentials> credentials, int maxConnections) {

    /** Static credentials. {@link #toString()} hides the secret. */
    public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                    + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
        }
    }

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        if (region.isBlank()) {
            throw config("the S3 region is blank: set AWS_REGION (for example us-east-1)");
        }
        if (maxConnections < 1) {
            throw config("maxConnections must be at least 1, got " + maxConnections);
        }
        endpoint.ifPresent(e -> {
            String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || e.getHost() == null) {
                throw config("S3 endpoint '" + e + "' is not an http(s) URL with a host: set AWS_ENDPOINT_URL_S3 to"
                        + " something like https://s3.example.com or http://127.0.0.1:9000");
            }
            if (scheme.equals("http") && !allowHttp) {
                throw config("S3 endpoint '" + e + "' uses plain http: set AWS_ALLOW_HTTP=true to permit it, or use"
                        + " https");
            }
        });
    }

    /** From {@link System#getenv()}. */
    public static S3Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From the given environment map (same variables as {@link System#getenv()}). */
    public static S3Config fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        Optional<String> endpoint = var(env, "AWS_ENDPOINT_URL_S3").or(() -> var(env, "AWS_ENDPOINT_URL"));
        String endpointVar = var(env, "AWS_ENDPOINT_URL_S3").isPresent() ? "AWS_ENDPOINT_URL_S3" : "AWS_ENDPOINT_URL";
        endpoint.ifPresent(e -> {
            try {
                b.endpoint(new URI(e.endsWith("/") ? e.substring(0, e.length() - 1) : e));
            } catch (URISyntaxException ex) {
                throw config(endpointVar + "='" + e + "' is not a valid URL: " + ex.getMessage());
            }
        });
        b.region(var(env, "AWS_REGION").or(() -> var(env, "AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION));
        b.forcePathStyle(bool(env, "AWS_S3_FORCE_PATH_STYLE").orElse(endpoint.isPresent()));
        b.allowHttp(bool(env, "AWS_ALLOW_HTTP").orElse(false));
        Optional<String> id = var(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = var(env, "AWS_SECRET_ACCESS_KEY");
        if (id.isPresent() != secret.isPresent()) {
            throw config("only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set: set both, or neither to use"
                    + " the default credential chain (profiles, SSO, instance roles)");
        }
        if (id.isPresent()) {
            b.credentials(new Credentials(id.get(), secret.get(), var(env, "AWS_SESSION_TOKEN")));
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Optional<String> var(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Optional<Boolean> bool(Map<String, String> env, String name) {
        return var(env, name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw config(name + "='" + v + "' is not a boolean: use true or false");
        });
    }

    private static StoreException.Configuration config(String message) {
        return new StoreException.Configuration(StorageErrorCode.CONFIGURATION, "", message, null);
    }

    /** Programmatic construction; unset fields take the defaults of the environment table. */
    public static final class Builder {
        private Optional<URI> endpoint = Optional.empty();
        private String region = DEFAULT_REGION;
        private Optional<Boolean> forcePathStyle = Optional.empty();
        private boolean allowHttp;
        private Optional<Credentials> credentials = Optional.empty();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder() {
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = Optional.of(endpoint);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder forcePathStyle(boolean forcePathStyle) {
            this.forcePathStyle = Optional.of(forcePathStyle);
            return this;
        }

        public Builder allowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(new Credentials(accessKeyId, secretAccessKey, Optional.empty()));
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = Optional.of(credentials);
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public S3Config build() {
            return new S3Config(endpoint, region, forcePathStyle.orElse(endpoint.isPresent()), allowHttp, credentials,
                    maxConnections);
        }
    }
}
