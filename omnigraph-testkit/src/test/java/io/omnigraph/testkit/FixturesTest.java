package io.omnigraph.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixturesTest {
    @Test
    void readsBundledFixtures() {
        assertThat(Fixtures.text("engine/test.pg")).contains("node Person").contains("edge WorksAt");
        assertThat(Fixtures.text("engine/test.jsonl").lines()).hasSizeGreaterThan(5);
    }

    @Test
    void unknownFixtureIsAClearError() {
        assertThatThrownBy(() -> Fixtures.text("engine/nope.pg")).hasMessageContaining("no such fixture: engine/nope.pg");
    }
}
