package io.omnigraph.testkit.storage;

import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.s3.S3Config;
import io.omnigraph.storage.s3.S3ObjectStore;
import org.junit.jupiter.api.Test;

import io.omnigraph.storage.Parallel;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against a real S3 endpoint: S3Proxy in-process, spoken to over HTTP by the AWS SDK. */
class S3ObjectStoreContractTest extends ObjectStoreContract {
    private static final S3ProxyFixture S3 = S3ProxyFixture.shared();

    @Override
    protected ObjectStore newStore() {
        return S3.newStore("cluster/root");
    }

    /** Each CAS attempt is an HTTP round trip; 8 threads x 5 still forces plenty of lost races. */
    @Override
    protected int casIncrementsPerThread() {
        return 5;
    }

    @Test
    void versionsAreEtagsAndKeysLiveUnderThePrefix() {
        S3ObjectStore s3 = (S3ObjectStore) store;
        String v = store.put("refs/main.json", utf8("m"));
        assertThat(v).startsWith("\"").endsWith("\"");
        assertThat(S3.client().headObject(b -> b.bucket(s3.bucket()).key("cluster/root/refs/main.json")).eTag())
                .isEqualTo(v);
        assertThat(store.location()).isEqualTo("s3://" + s3.bucket() + "/cluster/root");
        assertThat(store.isLocal()).isFalse();
    }

    @Test
    void storesUnderDifferentPrefixesOfOneBucketAreIsolated() {
        S3ObjectStore s3 = (S3ObjectStore) store;
        S3ObjectStore sibling = new S3ObjectStore(S3.client(), s3.bucket(), "cluster/root2");
        sibling.put("refs/main.json", utf8("sibling"));
        S3.client().putObject(b -> b.bucket(s3.bucket()).key("cluster/root/folder/"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(""));
        store.put("refs/main.json", utf8("ours"));
        assertThat(store.list("")).extracting(ObjectInfo::key)
                .as("a console-made 'folder/' marker is not an object").containsExactly("refs/main.json");
        assertThat(store.get("refs/main.json").orElseThrow().utf8()).isEqualTo("ours");
        assertThat(sibling.list("")).extracting(ObjectInfo::key).containsExactly("refs/main.json");
    }

    @Test
    void listingFollowsContinuationTokensAcrossPages() {
        List<Supplier<String>> puts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String key = String.format("segments/t/%05d.parquet", i);
            puts.add(() -> store.put(key, utf8("x")));
        }
        Parallel.all(puts, 8);
        store.put("segments-other", utf8("outside the listed prefix"));
        var listed = ((S3ObjectStore) store).withListPageSize(5).list("segments/");
        assertThat(listed).hasSize(23);
        assertThat(listed.get(22).key()).isEqualTo("segments/t/00022.parquet");
        assertThat(listed).extracting(ObjectInfo::key).isSorted();
    }

    @Test
    void openByLocationUsesTheEnvironment() {
        S3ObjectStore s3 = (S3ObjectStore) store;
        store.put("graphs/a.omni/graph.json", utf8("g"));
        try (ObjectStore byUri = ObjectStores.open("s3://" + s3.bucket() + "/cluster/root/graphs/a.omni/",
                S3.environment())) {
            assertThat(byUri.get("graph.json").orElseThrow().utf8()).isEqualTo("g");
            assertThat(byUri.location()).isEqualTo("s3://" + s3.bucket() + "/cluster/root/graphs/a.omni");
        }
    }

    @Test
    void aMissingBucketIsAConfigurationError() {
        S3ObjectStore missing = new S3ObjectStore(S3.client(), "no-such-bucket-here", "");
        assertThatThrownBy(() -> missing.get("k")).isInstanceOf(StoreException.Configuration.class)
                .hasMessageContaining("bucket 'no-such-bucket-here' does not exist");
        assertThatThrownBy(() -> missing.put("k", utf8("v"))).isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> missing.list("")).isInstanceOf(StoreException.Configuration.class);
    }

    @Test
    void wrongCredentialsAreAConfigurationError() {
        S3ObjectStore s3 = (S3ObjectStore) store;
        Map<String, String> env = new HashMap<>(S3.environment());
        env.put("AWS_SECRET_ACCESS_KEY", "wrong-secret");
        try (ObjectStore bad = ObjectStores.open("s3://" + s3.bucket(), env)) {
            assertThatThrownBy(() -> bad.get("k")).isInstanceOf(StoreException.Configuration.class)
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        }
    }

    @Test
    void anUnreachableEndpointIsTransient() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        S3Config config = S3Config.builder().endpoint(URI.create("http://127.0.0.1:" + port)).allowHttp(true)
                .credentials(S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY).build();
        try (S3ObjectStore down = S3ObjectStore.open(config, "bucket", "")) {
            assertThatThrownBy(() -> down.putIfAbsent("k", utf8("v")))
                    .isInstanceOf(StoreException.Transient.class)
                    .hasMessageContaining("cannot connect")
                    .hasMessageContaining("may or may not have landed");
        }
    }
}
