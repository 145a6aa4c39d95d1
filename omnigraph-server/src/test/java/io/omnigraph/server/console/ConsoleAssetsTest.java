package io.omnigraph.server.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The classpath asset lookup: content types, cache classes, and names that must never resolve. */
class ConsoleAssetsTest {
    final ConsoleAssets assets = new ConsoleAssets("/console-fixture/");

    @Test
    void findsBundledFilesWithTypeAndEtag() {
        assertThat(assets.bundled()).isTrue();
        ConsoleAssets.Asset index = assets.find("index.html").orElseThrow();
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(index.immutable()).isFalse();
        assertThat(index.etag()).matches("\"[0-9a-f]{32}\"");
        ConsoleAssets.Asset js = assets.find("assets/app-abc123.js").orElseThrow();
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.immutable()).isTrue();
        assertThat(new String(js.bytes())).contains("fixture");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../console-fixture/index.html", "assets/../index.html", "/index.html", "assets//app-abc123.js",
            ".hidden", "assets\\app-abc123.js", "index.html%00", "missing.js", "assets/"})
    void unsafeOrUnknownNamesResolveToNothing(String name) {
        assertThat(assets.find(name)).isEmpty();
    }

    @Test
    void aBuildWithoutTheConsoleIsNotBundled() {
        assertThat(new ConsoleAssets("/no-such-console/").bundled()).isFalse();
    }
}
