package io.omnigraph.server.auth;

import io.omnigraph.server.config.Env;
import io.omnigraph.server.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokensTest {
    @TempDir
    Path dir;

    private static BearerTokens load(Map<String, String> env) throws TokenConfigException {
        return BearerTokens.load(Env.of(env));
    }

    @Test
    void noSourcesMeansNoTokens() throws Exception {
        assertThat(load(Map.of()).isEmpty()).isTrue();
        assertThat(load(Map.of(BearerTokens.SINGLE, "  ", BearerTokens.JSON, "")).isEmpty()).isTrue();
    }

    @Test
    void singleTokenBelongsToActorDefault() throws Exception {
        BearerTokens t = load(Map.of(BearerTokens.SINGLE, "s3cret"));
        assertThat(t.actors()).containsExactly("default");
        assertThat(t.authenticate("s3cret")).contains("default");
        assertThat(t.authenticate("s3cret ")).isEmpty();
        assertThat(t.authenticate("S3CRET")).isEmpty();
    }

    @Test
    void singleTokenIsConcatenatedWithJsonEntriesAndSortedByActor() throws Exception {
        BearerTokens t = load(Map.of(BearerTokens.SINGLE, "d", BearerTokens.JSON, "{\"zed\":\"z\",\"act-a\":\" a \"}"));
        assertThat(t.actors()).containsExactly("act-a", "default", "zed");
        assertThat(t.authenticate("a")).contains("act-a");
        assertThat(t.authenticate("z")).contains("zed");
        assertThat(t.authenticate("d")).contains("default");
        assertThat(t.size()).isEqualTo(3);
    }

    @Test
    void fileBeatsJson() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"from-file\":\"f\"}\n");
        BearerTokens t = load(Map.of(BearerTokens.FILE, file.toString(), BearerTokens.JSON, "{\"from-json\":\"j\"}"));
        assertThat(t.actors()).containsExactly("from-file");
        assertThat(t.authenticate("j")).isEmpty();
    }

    @Test
    void missingOrBrokenFileNamesTheVariable() throws Exception {
        assertThatThrownBy(() -> load(Map.of(BearerTokens.FILE, dir.resolve("nope.json").toString())))
                .isInstanceOf(TokenConfigException.class)
                .hasMessageContaining(BearerTokens.FILE).hasMessageContaining("does not exist");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"a\": \"secret-value\",");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.FILE, bad.toString())))
                .hasMessageContaining(BearerTokens.FILE).hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
    }

    @Test
    void validationRules() {
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\" \":\"t\"}"))).hasMessageContaining("actor name is blank");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":\"  \"}"))).hasMessageContaining("token of actor 'a' is blank");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":\"t\",\"a\":\"u\"}"))).hasMessageContaining("more than once");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":\"t\",\" a\":\"u\"}"))).hasMessageContaining("actor 'a' is configured more than once");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":\"t\",\"b\":\"t\"}")))
                .hasMessageContaining("also used by another actor")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\"t\""));
        assertThatThrownBy(() -> load(Map.of(BearerTokens.SINGLE, "x", BearerTokens.JSON, "{\"default\":\"y\"}")))
                .hasMessageContaining("actor 'default' is configured more than once");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.SINGLE, "x", BearerTokens.JSON, "{\"b\":\"x\"}")))
                .hasMessageContaining("also used by another actor");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "[\"a\"]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":1}"))).hasMessageContaining("must be a JSON string");
        assertThatThrownBy(() -> load(Map.of(BearerTokens.JSON, "{\"a\":\"t\"} {}"))).hasMessageContaining("exactly one JSON object");
    }

    @Test
    void awsSecretSourceIsAClearBootError() {
        assertThatThrownBy(() -> load(Map.of(BearerTokens.AWS_SECRET, "arn:aws:secretsmanager:x", BearerTokens.SINGLE, "t")))
                .hasMessageContaining(BearerTokens.AWS_SECRET).hasMessageContaining("not supported in this build");
    }

    @Test
    void onlyDigestsAreRetained() throws Exception {
        BearerTokens t = load(Map.of(BearerTokens.JSON, "{\"a\":\"very-secret-token\"}"));
        assertThat(t.toString()).doesNotContain("very-secret-token");
        for (var field : BearerTokens.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertThat(field.getType()).isNotEqualTo(String.class).as(field.getName());
        }
    }

    @Test
    void authenticatorHeaderRules() throws Exception {
        Authenticator auth = new Authenticator(BearerTokens.of(Map.of("act", "tok"), "test"), true);
        assertThat(auth.authenticate(List.of("Bearer tok"))).contains("act");
        assertUnauthorized(() -> auth.authenticate(List.of()), "missing bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("bearer tok")), "missing bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Basic dG9r")), "missing bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Bearer")), "missing bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Bearer ")), "invalid bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Bearer  tok")), "invalid bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Bearer nope")), "invalid bearer token");
        assertUnauthorized(() -> auth.authenticate(List.of("Bearer tok", "Bearer tok")), "invalid bearer token");
        Authenticator open = new Authenticator(BearerTokens.none(), false);
        assertThat(open.authenticate(List.of("Bearer anything"))).isEmpty();
    }

    private static void assertUnauthorized(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.body().error()).isEqualTo(message);
            assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer");
        });
    }
}
