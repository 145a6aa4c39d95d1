package io.omnigraph.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {
    @Test
    void acceptsOrdinaryKeys() {
        for (String k : List.of("graph.json", "refs/branches/main.json", "segments/person/01J.parquet", "a.b/c-d_e",
                "é/中/😀", ".hidden", "..x", "x..", "a/.omnigraph")) {
            assertThat(Keys.check(k)).isEqualTo(k);
        }
    }

    @Test
    void refusesKeysThatAreNotPortable() {
        for (String k : List.of("", "/a", "a/", "a//b", ".", "a/./b", "a/..", "a\\b", "a\tb", "a\u007fb",
                ".omnigraph-tmp", "x/.omnigraph-lock", "\uDC00")) {
            assertThatThrownBy(() -> Keys.check(k)).as(Keys.printable(k))
                    .isInstanceOf(StoreException.Configuration.class)
                    .extracting(e -> ((StoreException) e).code()).isEqualTo(StorageErrorCode.INVALID_KEY);
        }
        assertThatThrownBy(() -> Keys.check(null)).isInstanceOf(StoreException.Configuration.class);
    }

    @Test
    void enforcesLengthLimitsInUtf8Bytes() {
        String segment = "é".repeat(127); // 254 bytes
        assertThat(Keys.check(segment)).isEqualTo(segment);
        assertThatThrownBy(() -> Keys.check(segment + "ab")).hasMessageContaining("255 UTF-8 bytes");
        String longKey = (segment + "/").repeat(4) + "x".repeat(10); // 1030 bytes
        assertThatThrownBy(() -> Keys.check(longKey)).hasMessageContaining("1024 UTF-8 bytes");
    }

    @Test
    void messagesNameTheKeyPrintablyAndTheRule() {
        assertThatThrownBy(() -> Keys.check("bad\u0001key"))
                .hasMessageContaining("'bad\\u0001key'")
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> Keys.check("a/../b")).hasMessageContaining("'..'");
    }

    @Test
    void prefixesAndScopes() {
        assertThat(Keys.checkPrefix("")).isEmpty();
        assertThat(Keys.checkPrefix(null)).isEmpty();
        assertThat(Keys.checkPrefix("refs/")).isEqualTo("refs/");
        assertThat(Keys.checkPrefix("refs/br")).isEqualTo("refs/br");
        assertThatThrownBy(() -> Keys.checkPrefix("/")).isInstanceOf(StoreException.Configuration.class);
        assertThatThrownBy(() -> Keys.checkPrefix("a//")).isInstanceOf(StoreException.Configuration.class);
        assertThat(Keys.checkScope("graphs/a.omni")).isEqualTo("graphs/a.omni/");
        assertThat(Keys.checkScope("graphs/a.omni/")).isEqualTo("graphs/a.omni/");
        assertThat(Keys.checkScope("")).isEmpty();
        assertThat(Keys.join("a", "", "b/c", null, "d")).isEqualTo("a/b/c/d");
    }
}
