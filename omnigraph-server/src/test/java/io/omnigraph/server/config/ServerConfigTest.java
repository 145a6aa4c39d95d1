package io.omnigraph.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void defaults() throws Exception {
        ServerConfig c = ServerConfig.resolve(Env.of(Map.of()), Optional.empty(), false, false);
        assertThat(c.bind()).isEqualTo(new BindAddress("127.0.0.1", 8080));
        assertThat(c.unauthenticated()).isFalse();
        assertThat(c.requireAllGraphs()).isFalse();
        assertThat(c.limits()).isEqualTo(Limits.DEFAULTS);
        assertThat(c.limits().bodyBytes()).isEqualTo(1_048_576);
        assertThat(c.limits().loadBodyBytes()).isEqualTo(32L * 1_048_576);
        assertThat(c.limits().perActorInFlightMax()).isEqualTo(16);
        assertThat(c.limits().perActorBytesMax()).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(c.version()).isNotBlank();
    }

    @Test
    void booleanEnvironmentRule() {
        for (String on : new String[]{"1", "true", "TRUE", "yes", " on "}) {
            assertThat(Env.of(Map.of("X", on)).flag("X")).as(on).isTrue();
        }
        for (String off : new String[]{"", " ", "0", "false", "FALSE", "False", " false "}) {
            assertThat(Env.of(Map.of("X", off)).flag("X")).as("'" + off + "'").isFalse();
        }
        assertThat(Env.of(Map.of()).flag("X")).isFalse();
    }

    @Test
    void flagsAndEnvironment() throws Exception {
        ServerConfig c = ServerConfig.resolve(Env.of(Map.of("OMNIGRAPH_UNAUTHENTICATED", "1",
                "OMNIGRAPH_REQUIRE_ALL_GRAPHS", "false", "OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX", "3",
                "OMNIGRAPH_PER_ACTOR_BYTES_MAX", "1000", "OMNIGRAPH_BIND", "0.0.0.0:9000")), Optional.empty(), false, true);
        assertThat(c.unauthenticated()).isTrue();
        assertThat(c.requireAllGraphs()).isTrue();
        assertThat(c.limits().perActorInFlightMax()).isEqualTo(3);
        assertThat(c.limits().perActorBytesMax()).isEqualTo(1000);
        assertThat(c.bind()).isEqualTo(new BindAddress("0.0.0.0", 9000));
        assertThat(ServerConfig.resolve(Env.of(Map.of("OMNIGRAPH_BIND", "0.0.0.0:9000")), Optional.of("[::1]:0"), false, false)
                .bind()).isEqualTo(new BindAddress("::1", 0));
    }

    @Test
    void badValuesNameTheirSource() {
        assertThatThrownBy(() -> ServerConfig.resolve(Env.of(Map.of("OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX", "0")), Optional.empty(), false, false))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX='0'");
        assertThatThrownBy(() -> ServerConfig.resolve(Env.of(Map.of("OMNIGRAPH_PER_ACTOR_BYTES_MAX", "4GiB")), Optional.empty(), false, false))
                .hasMessageContaining("OMNIGRAPH_PER_ACTOR_BYTES_MAX='4GiB'").hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> ServerConfig.resolve(Env.of(Map.of("OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX", "99999999999")), Optional.empty(), false, false))
                .hasMessageContaining("OMNIGRAPH_PER_ACTOR_INFLIGHT_MAX");
        for (String bad : new String[]{"8080", "localhost", ":80", "host:", "host:99999", "a:b:c", "[::1]", "h:-1"}) {
            assertThatThrownBy(() -> BindAddress.parse(bad, "--bind")).as(bad).hasMessageContaining("--bind");
        }
        assertThat(new BindAddress("::1", 5).toString()).isEqualTo("[::1]:5");
    }
}
