package io.omnigraph.storage.s3;

import io.omnigraph.storage.StoreException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ConfigTest {
    @Test
    void defaultsForAws() {
        S3Config c = S3Config.fromEnvironment(Map.of());
        assertThat(c.endpoint()).isEmpty();
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.forcePathStyle()).isFalse();
        assertThat(c.allowHttp()).isFalse();
        assertThat(c.credentials()).as("default provider chain").isEmpty();
    }

    @Test
    void endpointOverrideImpliesPathStyle() {
        S3Config c = S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "https://minio.internal:9000/",
                "AWS_DEFAULT_REGION", "eu-west-1"));
        assertThat(c.endpoint()).contains(URI.create("https://minio.internal:9000"));
        assertThat(c.forcePathStyle()).isTrue();
        assertThat(c.region()).isEqualTo("eu-west-1");

        S3Config specific = S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "https://generic",
                "AWS_ENDPOINT_URL_S3", "https://s3-specific", "AWS_S3_FORCE_PATH_STYLE", "false",
                "AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-west-1"));
        assertThat(specific.endpoint()).contains(URI.create("https://s3-specific"));
        assertThat(specific.forcePathStyle()).isFalse();
        assertThat(specific.region()).isEqualTo("ap-south-1");
    }

    @Test
    void staticCredentialsFromTheEnvironmentNeverPrintTheSecret() {
        S3Config c = S3Config.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "AWS_SESSION_TOKEN", "tok"));
        S3Config.Credentials creds = c.credentials().orElseThrow();
        assertThat(creds.sessionToken()).isEqualTo(Optional.of("tok"));
        assertThat(c.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI").doesNotContain("tok");
    }

    @Test
    void badSettingsAreConfigurationErrorsThatNameTheVariable() {
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "only-id")))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("AWS_ALLOW_HTTP", "maybe")))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("AWS_ALLOW_HTTP='maybe'");
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL_S3", "not a url")))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("AWS_ENDPOINT_URL_S3");
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "ftp://host")))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:9000")))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("AWS_ALLOW_HTTP=true");
        assertThat(S3Config.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://localhost:9000",
                "AWS_ALLOW_HTTP", "TRUE")).allowHttp()).isTrue();
    }

    @Test
    void builderForTests() {
        S3Config c = S3Config.builder().endpoint(URI.create("http://127.0.0.1:1234")).allowHttp(true)
                .credentials("id", "secret").maxConnections(8).build();
        assertThat(c.forcePathStyle()).isTrue();
        assertThat(c.maxConnections()).isEqualTo(8);
        assertThatThrownBy(() -> S3Config.builder().maxConnections(0).build())
                .isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> S3ObjectStore.open(c, "bad/bucket", ""))
                .isInstanceOf(StoreException.Configuration.class).hasMessageContaining("bad/bucket");
    }
}
