package io.omnigraph.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeFeedTest {

    private static MiniGraph seeded() {
        return seeded(5);
    }

    private static MiniGraph seeded(long seed) {
        MiniGraph m = new MiniGraph(new InMemoryObjectStore(), seed);
        m.upsertPeople("main", "Alice", 30, "Bob", 25);
        m.addEdge("main", "k1", "Alice", "Bob");
        return m;
    }

    private static void assertRejected(Runnable r, String fragment) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(EngineException.Invalid.class, e -> {
            assertThat(e.code()).isEqualTo(EngineErrorCode.CHANGE_CURSOR_REJECTED);
            assertThat(e.getMessage()).startsWith("change cursor rejected: ").contains(fragment);
        });
    }

    @Test
    void scenario19PollFromBeginningThenResumeWithTheCursor() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            FeedPage first = h.poll(FeedRequest.start("main", "beginning"));
            assertThat(first.terminal()).isTrue();
            assertThat(first.caughtUp()).contains(true);
            assertThat(first.blocks()).hasSize(2); // the two writes; genesis never yields a block
            assertThat(first.blocks().get(0).changes()).extracting(EntityChange::id).containsExactly("Alice", "Bob");
            assertThat(first.blocks().get(1).changes()).extracting(EntityChange::id).containsExactly("k1");
            assertThat(first.blocks().get(0).cause().parentCommitId()).contains(m.g.stamp().genesisCommit());

            Commit c1 = m.upsertPeople("main", "Eve", 22);
            Commit c2 = m.upsertPeople("main", "Eve", 23);
            FeedPage next = h.poll(FeedRequest.resume("main", first.cursor().orElseThrow()));
            assertThat(next.blocks()).extracting(b -> b.cause().graphCommitId()).containsExactly(c1.id(), c2.id());
            assertThat(next.blocks().get(1).changes().get(0).op()).isEqualTo(ChangeOp.UPDATE);
            FeedPage idle = h.poll(FeedRequest.resume("main", next.cursor().orElseThrow()));
            assertThat(idle.blocks()).isEmpty();
            assertThat(idle.caughtUp()).contains(true);
            assertThat(idle.cursor()).isPresent();

            m.branch("other", "main");
            assertRejected(() -> h.poll(FeedRequest.resume("other", next.cursor().orElseThrow())),
                    "issued for branch 'main', not 'other'");
            assertThat(ChangeJson.feedPage(next).get("blocks").get(0).get("cause").get("graph_commit_id").asText()).isEqualTo(c1.id());
        }
    }

    @Test
    void startModesNowAndAfter() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            String mid = m.head("main");
            FeedPage now = h.poll(new FeedRequest("main", Optional.empty(), Optional.empty(), Optional.empty(),
                    PageSpec.defaults(), ChangeFilter.all()));
            assertThat(now.blocks()).isEmpty();
            assertThat(now.caughtUp()).contains(true);
            Commit later = m.upsertPeople("main", "Zed", 9);
            assertThat(h.poll(FeedRequest.resume("main", now.cursor().orElseThrow())).blocks())
                    .extracting(b -> b.cause().graphCommitId()).containsExactly(later.id());
            assertThat(h.poll(FeedRequest.start("main", "after:" + mid)).blocks())
                    .extracting(b -> b.cause().graphCommitId()).containsExactly(later.id());

            m.branch("side", "main");
            Commit sideOnly = m.upsertPeople("side", "Side", 1);
            assertRejected(() -> h.poll(FeedRequest.start("main", "after:" + sideOnly.id())), "not on the first-parent history");
            assertRejected(() -> h.poll(FeedRequest.start("main", "after:01ARZ3NDEKTSV4RRFFQ69G5FAV")), "not on the first-parent history");
            assertThatThrownBy(() -> h.poll(FeedRequest.start("main", "yesterday")))
                    .isInstanceOfSatisfying(EngineException.Invalid.class, e -> assertThat(e.code()).isEqualTo(EngineErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("now, beginning or after:<commit_id>");
            assertThatThrownBy(() -> h.poll(new FeedRequest("main", now.cursor(), Optional.of("now"), Optional.empty(),
                    PageSpec.defaults(), ChangeFilter.all()))).hasMessageContaining("mutually exclusive");
        }
    }

    @Test
    void namedBranchFromBeginningIncludesInheritedHistoryWithOriginalCause() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            Commit own = m.upsertPeople("feature", "Fay", 40);
            FeedPage p = new ChangeHistory(m.g).poll(FeedRequest.start("feature", "beginning"));
            assertThat(p.blocks()).hasSize(3);
            assertThat(p.blocks().get(0).cause().authoredBranch()).isEqualTo("main");
            assertThat(p.blocks().get(2).cause().authoredBranch()).isEqualTo("feature");
            assertThat(p.blocks().get(2).cause().graphCommitId()).isEqualTo(own.id());
        }
    }

    @Test
    void cursorsAreBoundToIncarnationFilterAndChecksum() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            m.branch("feed", "main");
            String cursor = h.poll(FeedRequest.start("feed", "beginning")).cursor().orElseThrow();
            ChangeFilter edges = ChangeFilter.parse(List.of("edge"), List.of(), List.of());
            assertRejected(() -> h.poll(FeedRequest.resume("feed", cursor).withFilter(edges)), "other filters");
            String tampered = cursor.substring(0, cursor.length() - 3) + (cursor.endsWith("A") ? "BBB" : "AAA");
            assertRejected(() -> h.poll(FeedRequest.resume("feed", tampered)), "checksum");
            assertRejected(() -> h.poll(FeedRequest.resume("feed", "garbage")), "malformed");
            assertRejected(() -> h.poll(FeedRequest.resume("feed", cursor.substring(0, 20))), "");
            m.g.deleteBranch("feed");
            m.branch("feed", "main");
            assertRejected(() -> h.poll(FeedRequest.resume("feed", cursor)), "deleted and re-created");
            // a cursor of another graph
            try (MiniGraph other = seeded(6)) {
                String foreign = new ChangeHistory(other.g).poll(FeedRequest.start("main", "now")).cursor().orElseThrow();
                assertRejected(() -> h.poll(FeedRequest.resume("main", foreign)), "another graph");
            }
            // a commit page token is not a cursor
            assertRejected(() -> h.poll(new FeedRequest("main", Optional.empty(), Optional.empty(), Optional.of(cursor),
                    PageSpec.defaults(), ChangeFilter.all())), "not a page token");
        }
    }

    @Test
    void pagesSplitBlocksAndOnlyTheTerminalPageCarriesTheCursor() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            String start = h.poll(FeedRequest.start("main", "now")).cursor().orElseThrow();
            m.upsertPeople("main", "A1", 1, "A2", 2, "A3", 3, "A4", 4, "A5", 5);
            m.upsertPeople("main", "B1", 1);
            m.upsertPeople("main", "C1", 1, "C2", 2, "C3", 3);
            List<String> seen = new ArrayList<>();
            FeedRequest req = FeedRequest.resume("main", start).withPage(new PageSpec(2, PageSpec.DEFAULT_BYTES));
            FeedPage p = h.poll(req);
            int pages = 1;
            while (!p.terminal()) {
                assertThat(p.cursor()).isEmpty();
                assertThat(p.caughtUp()).isEmpty();
                p.blocks().forEach(b -> b.changes().forEach(c -> seen.add(c.id())));
                assertThat(p.blocks().stream().mapToInt(b -> b.changes().size()).sum()).isLessThanOrEqualTo(2);
                p = h.poll(req.continuing(p.nextPageToken().orElseThrow()));
                pages++;
            }
            p.blocks().forEach(b -> b.changes().forEach(c -> seen.add(c.id())));
            assertThat(seen).containsExactly("A1", "A2", "A3", "A4", "A5", "B1", "C1", "C2", "C3");
            assertThat(pages).isEqualTo(5);
            assertThat(p.caughtUp()).contains(true);
        }
    }

    @Test
    void aPollWalksAtMostTheWindowThenReportsNotCaughtUp() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            String start = h.poll(FeedRequest.start("main", "now")).cursor().orElseThrow();
            for (int i = 0; i < ChangeHistory.FEED_WINDOW + 5; i++) {
                m.upsertPeople("main", "P" + i, i);
            }
            FeedPage p1 = h.poll(FeedRequest.resume("main", start));
            assertThat(p1.blocks()).hasSize(ChangeHistory.FEED_WINDOW);
            assertThat(p1.caughtUp()).contains(false);
            FeedPage p2 = h.poll(FeedRequest.resume("main", p1.cursor().orElseThrow()));
            assertThat(p2.blocks()).hasSize(5);
            assertThat(p2.caughtUp()).contains(true);
            assertThat(p2.blocks().get(4).changes().get(0).id()).isEqualTo("P" + (ChangeHistory.FEED_WINDOW + 4));
        }
    }

    @Test
    void emptyBlocksStillAdvanceAndFiltersApplyInsideBlocks() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            ChangeFilter edgesOnly = ChangeFilter.parse(List.of("edge"), List.of(), List.of());
            String start = h.poll(FeedRequest.start("main", "now").withFilter(edgesOnly)).cursor().orElseThrow();
            m.upsertPeople("main", "Q", 1);
            m.addEdge("main", "k2", "Alice", "Q");
            FeedPage p = h.poll(FeedRequest.resume("main", start).withFilter(edgesOnly));
            assertThat(p.blocks()).hasSize(2);
            assertThat(p.blocks().get(0).changes()).isEmpty();
            assertThat(p.blocks().get(1).changes()).extracting(EntityChange::id).containsExactly("k2");
        }
    }

    @Test
    void scenario20GapAfterCleanupThenBaselineAndResume() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            String old = h.poll(FeedRequest.start("main", "now")).cursor().orElseThrow();
            Commit gone = m.upsertPeople("main", "Eve", 22);
            m.overwritePeople("main", "Solo", 1, "Alice", 30);
            assertThat(m.cleanup(1)).isPositive();
            assertThatThrownBy(() -> h.poll(FeedRequest.resume("main", old)))
                    .isInstanceOfSatisfying(EngineException.ChangeFeedGap.class, e -> {
                        assertThat(e.firstUnreadableCommitId()).isEqualTo(gone.id());
                        assertThat(e.cursor()).contains(old);
                        assertThat(e.code().code()).isEqualTo("change_feed_gap");
                    });
            List<ObjectNode> records = new ArrayList<>();
            BaselineResult b = h.baseline("main", ChangeFilter.all(), records::add);
            assertThat(b.snapshotCommitId()).isEqualTo(m.head("main"));
            assertThat(records).hasSize(3);
            assertThat(records.get(0).get("type").asText()).isEqualTo("Person");
            assertThat(records.get(0).at("/data/id").asText()).isEqualTo("Solo");
            assertThat(records.get(2).get("edge").asText()).isEqualTo("Knows");
            assertThat(records.get(2).get("from").asText()).isEqualTo("Alice");
            assertThat(ChangeJson.baselineRecord(b).at("/baseline/resume_cursor").asText()).isEqualTo(b.resumeCursor());
            Commit after = m.upsertPeople("main", "New", 1);
            FeedPage resumed = h.poll(FeedRequest.resume("main", b.resumeCursor()));
            assertThat(resumed.blocks()).extracting(x -> x.cause().graphCommitId()).containsExactly(after.id());

            List<ObjectNode> nodesOnly = new ArrayList<>();
            ChangeFilter people = ChangeFilter.parse(List.of(), List.of("Person"), List.of());
            BaselineResult scoped = h.baseline("main", people, nodesOnly::add);
            assertThat(nodesOnly).hasSize(3).allMatch(r -> r.has("type"));
            assertRejected(() -> h.poll(FeedRequest.resume("main", scoped.resumeCursor())), "other filters");
            assertThat(h.poll(FeedRequest.resume("main", scoped.resumeCursor()).withFilter(people)).blocks()).isEmpty();
        }
    }
}
