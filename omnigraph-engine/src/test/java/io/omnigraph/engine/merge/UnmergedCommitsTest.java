package io.omnigraph.engine.merge;

import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UnmergedCommitsTest {

    @Test
    void countsCommitsNoOtherBranchContains() {
        try (MiniGraph m = new MiniGraph(new InMemoryObjectStore(), 31)) {
            m.upsertPeople("main", "A", 1);
            m.branch("idle", "main");
            assertThat(UnmergedCommits.count(m.g, "idle", 1000)).contains(0);
            assertThat(UnmergedCommits.warning("idle", Optional.of(0))).isEmpty();

            m.branch("work", "main");
            m.upsertPeople("work", "B", 2);
            m.upsertPeople("work", "C", 3);
            m.upsertPeople("main", "D", 4);
            assertThat(UnmergedCommits.count(m.g, "work", 1000)).contains(2);
            assertThat(UnmergedCommits.warning("work", Optional.of(2)).orElseThrow()).contains("2 commits");

            m.branch("child", "work");
            assertThat(UnmergedCommits.count(m.g, "work", 1000)).as("a child branch contains them").contains(0);
            m.g.deleteBranch("child");

            m.merge("work", "main");
            assertThat(UnmergedCommits.count(m.g, "work", 1000)).as("merged into main").contains(0);
            m.upsertPeople("work", "E", 5);
            assertThat(UnmergedCommits.count(m.g, "work", 1000)).contains(1);
            assertThat(UnmergedCommits.count(m.g, "work", 0)).isEmpty();
            assertThat(UnmergedCommits.warning("work", Optional.empty()).orElseThrow()).contains("many commits");
            // main is counted like any branch
            assertThat(UnmergedCommits.count(m.g, "main", 1000)).contains(2); // main's own write D and its merge commit
        }
    }
}
