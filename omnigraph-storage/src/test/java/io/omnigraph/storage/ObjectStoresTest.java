package io.omnigraph.storage;

import io.omnigraph.storage.local.LocalObjectStore;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import io.omnigraph.storage.s3.S3ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectStoresTest {
    private static final Map<String, String> S3_ENV = Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9",
            "AWS_ALLOW_HTTP", "true", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret");

    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertInvalidLocation(String location, String messagePart) {
        assertThatThrownBy(() -> ObjectStores.open(location, S3_ENV)).as(location)
                .isInstanceOf(StoreException.Configuration.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StorageErrorCode.INVALID_LOCATION);
    }

    @Test
    void badLocationsGetClearErrors() {
        assertInvalidLocation("", "storage location is empty");
        assertInvalidLocation("   ", "storage location is empty");
        assertInvalidLocation("s3://", "has no bucket");
        assertInvalidLocation("s3:///prefix", "has no bucket");
        assertInvalidLocation("gs://bucket/x", "unsupported storage scheme 'gs'");
        assertInvalidLocation("file://server/share", "must be local");
        assertInvalidLocation("mem://", "has no name");
        assertInvalidLocation("s3://bucket/a//b", "invalid prefix");
        assertInvalidLocation("s3://bucket/a/../b", "invalid prefix");
    }

    @Test
    void pathsAndFileUrisOpenLocalStores() {
        ObjectStore plain = ObjectStores.open(tmp.resolve("plain") + "/");
        assertThat(plain).isInstanceOf(LocalObjectStore.class);
        assertThat(plain.location()).isEqualTo(tmp.resolve("plain").toString());
        assertThat(plain.isLocal()).isTrue();
        ObjectStore uri = ObjectStores.open(" file://" + tmp.resolve("uri") + " ");
        assertThat(uri.location()).isEqualTo(tmp.resolve("uri").toString());
        ObjectStore localhost = ObjectStores.open("file://localhost" + tmp.resolve("with space"));
        assertThat(localhost.location()).isEqualTo(tmp.resolve("with space").toString());
        ObjectStore relative = ObjectStores.open("relative/dir");
        assertThat(relative.location()).isEqualTo(Path.of("relative/dir").toAbsolutePath().toString());

        plain.put("k", b("v"));
        assertThat(ObjectStores.open(plain.location()).get("k")).isPresent();
    }

    @Test
    void memoryStoresAreSharedByNameUntilDropped() {
        ObjectStore a = ObjectStores.open("mem://shared-test");
        a.put("graphs/g/graph.json", b("g"));
        ObjectStore again = ObjectStores.open("mem://shared-test/");
        assertThat(again).isSameAs(a).isInstanceOf(InMemoryObjectStore.class);
        ObjectStore scoped = ObjectStores.open("mem://shared-test/graphs/g");
        assertThat(scoped.get("graph.json")).isPresent();
        assertThat(scoped.location()).isEqualTo("mem://shared-test/graphs/g");
        assertThat(ObjectStores.open(scoped.location()).get("graph.json")).isPresent();
        ObjectStores.dropMemory("shared-test");
        assertThat(ObjectStores.open("mem://shared-test").list("")).isEmpty();
    }

    @Test
    void s3LocationsUseTheGivenEnvironment() {
        try (ObjectStore s3 = ObjectStores.open("s3://my-bucket/clusters/prod/", S3_ENV)) {
            assertThat(s3).isInstanceOf(S3ObjectStore.class);
            assertThat(s3.location()).isEqualTo("s3://my-bucket/clusters/prod");
            assertThat(s3.isLocal()).isFalse();
            assertThat(((S3ObjectStore) s3).prefix()).isEqualTo("clusters/prod/");
        }
        try (ObjectStore bucketOnly = ObjectStores.open("S3://my-bucket", S3_ENV)) {
            assertThat(bucketOnly.location()).isEqualTo("s3://my-bucket");
        }
        assertThatThrownBy(() -> ObjectStores.open("s3://b", Map.of("AWS_ENDPOINT_URL", "http://localhost:9000")))
                .isInstanceOf(StoreException.Configuration.class)
                .hasMessageContaining("AWS_ALLOW_HTTP=true");
    }

    @Test
    void deleteAllRemovesAPrefix() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.put("g/a", b("1"));
        store.put("g/b/c", b("2"));
        store.put("h", b("3"));
        assertThat(ObjectStores.deleteAll(store, "g/")).isEqualTo(2);
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("h");
    }

    /**
     * Regression (cluster simulation, seeds 156/495/799 of the long run): one short listing used to leave objects
     * behind while {@code cluster apply} recorded the graph as deleted. deleteAll lists again until nothing is left.
     */
    @Test
    void deleteAllListsAgainUntilNothingIsLeft() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        for (int i = 0; i < 5; i++) {
            mem.put("g/" + i, b("x"));
        }
        var store = new io.omnigraph.storage.wrap.FaultInjectingObjectStore(mem).truncateLists(2);
        assertThat(ObjectStores.deleteAll(store, "g/")).isEqualTo(5);
        assertThat(mem.list("g/")).isEmpty();
    }

    @Test
    void deleteAllGivesUpOnAPrefixThatKeepsFilling() {
        InMemoryObjectStore mem = new InMemoryObjectStore();
        int[] n = {0};
        // an active writer: every listing call first sees one more object land
        var store = new io.omnigraph.storage.wrap.FaultInjectingObjectStore(mem).rule(c -> {
            if (c.op() == io.omnigraph.storage.wrap.StoreOp.LIST) {
                mem.put("g/" + n[0]++, b("x"));
            }
            return false;
        }, io.omnigraph.storage.wrap.FaultInjectingObjectStore.Effect.delay(java.time.Duration.ZERO));
        assertThatThrownBy(() -> ObjectStores.deleteAll(store, "g/")).isInstanceOf(StoreException.Transient.class)
                .hasMessageContaining("kept appearing");
    }
}
