package io.omnigraph.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.diff.BaselineResult;
import io.omnigraph.engine.diff.ChangeFilter;
import io.omnigraph.engine.diff.ChangeOp;
import io.omnigraph.engine.diff.CommitChangesPage;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.diff.PageSpec;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.merge.MergeConflict;
import io.omnigraph.engine.merge.MergeConflictKind;
import io.omnigraph.engine.merge.MergeOutcome;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.policy.gate.PolicyGate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.omnigraph.engine.api.TestGraph.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Merge, commit changes and the change feed through the graph facade: real schema, loads and mutations. */
class GraphHistoryTest {

    private static BranchMergeResult merge(TestGraph g, String source, String target) {
        return g.graph.history().merge(Optional.of(Actor.of("merger")), BranchMergeRequest.of(source, target));
    }

    private static void update(TestGraph g, String branch, String name, int age) {
        g.mutate("query q($n: String, $a: I32) { update Person set { age: $a } where name = $n }",
                "{\"n\":\"" + name + "\",\"a\":" + age + "}", branch);
    }

    @Test
    void scenarios9To12And15ThroughTheFacade() {
        try (TestGraph g = TestGraph.seeded()) {
            g.graph.createBranch(NOBODY, "feature", "main");
            update(g, "feature", "Alice", 31);
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(30);
            BranchMergeResult ff = g.graph.history().merge(Optional.of(Actor.of("ruth")),
                    BranchMergeRequest.of("feature", "main").deletingSource());
            assertThat(ff.merge().outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(ff.branchDeleted()).contains(true);
            assertThat(ff.branchDeleteError()).isEmpty();
            assertThat(g.graph.branches(NOBODY)).containsExactly("main");
            assertThat(g.rows("Person").get("Alice").get("age")).isEqualTo(31);
            CommitInfo head = g.commits().get(0);
            assertThat(head.mergedParentCommitId()).isPresent();
            assertThat(head.actorId()).contains("ruth");
            assertThat(head.operation()).isEqualTo("merge");

            // three-way, disjoint
            g.graph.createBranch(NOBODY, "feature", "main");
            g.mutate("query q() { insert Person { name: \"Eve\", age: 22 } }", "{}", "feature");
            update(g, "main", "Bob", 26);
            BranchMergeResult three = merge(g, "feature", "main");
            assertThat(three.merge().outcome()).isEqualTo(MergeOutcome.MERGED);
            assertThat(three.branchDeleted()).isEmpty();
            assertThat(g.rows("Person")).containsKeys("Eve");
            assertThat(g.rows("Person").get("Bob").get("age")).isEqualTo(26);

            // net-zero edge on a branch into an untouched target
            g.graph.createBranch(NOBODY, "nz", "main");
            g.mutate("query q() { insert Knows { from: \"Diana\", to: \"Alice\" } }", "{}", "nz");
            g.mutate("query q() { delete Knows where from = \"Diana\" }", "{}", "nz");
            int before = g.commits().size();
            assertThat(merge(g, "nz", "main").merge().outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(g.commits()).hasSize(before + 1);
            assertThat(g.edges("Knows")).hasSize(3);
            assertThat(merge(g, "nz", "main").merge().outcome()).isEqualTo(MergeOutcome.ALREADY_UP_TO_DATE);
        }
    }

    @Test
    void scenario13ConflictsAndOrphanEdgeThroughTheSharedEvaluator() {
        try (TestGraph g = TestGraph.seeded()) {
            g.graph.createBranch(NOBODY, "feature", "main");
            g.mutate("query q() { delete Person where name = \"Alice\" }", "{}", "feature");
            g.mutate("query q() { insert Knows { from: \"Alice\", to: \"Charlie\" } }");
            String before = g.head();
            assertThatThrownBy(() -> merge(g, "feature", "main"))
                    .isInstanceOfSatisfying(EngineException.MergeConflicts.class, e -> {
                        assertThat(e.conflicts()).hasSize(1);
                        MergeConflict c = e.conflicts().get(0);
                        assertThat(c.kind()).isEqualTo(MergeConflictKind.ORPHAN_EDGE);
                        assertThat(c.entityKind().text()).isEqualTo("edge");
                        assertThat(c.typeName()).isEqualTo("Knows");
                        assertThat(c.message()).contains("src 'Alice' not found in Person");
                    });
            assertThat(g.head()).isEqualTo(before);

            g.graph.createBranch(NOBODY, "f2", "main");
            update(g, "f2", "Bob", 31);
            update(g, "main", "Bob", 32);
            assertThatThrownBy(() -> merge(g, "f2", "main")).isInstanceOfSatisfying(EngineException.MergeConflicts.class,
                    e -> assertThat(e.conflicts().get(0).kind()).isEqualTo(MergeConflictKind.DIVERGENT_UPDATE));
        }
    }

    @Test
    void scenario16UniqueAndCardinalityViolationsOfTheUnion() {
        String schema = """
                node Person {
                    name: String @key
                    email: String? @unique
                }
                edge Manages: Person -> Person @card(0..1)
                """;
        try (TestGraph g = TestGraph.create(schema)) {
            g.load("""
                    {"type": "Person", "data": {"name": "Alice"}}
                    {"type": "Person", "data": {"name": "Bob"}}
                    {"type": "Person", "data": {"name": "Carol"}}
                    """, LoadMode.APPEND);
            g.graph.createBranch(NOBODY, "feature", "main");
            g.mutate("query q() { insert Person { name: \"Dan\", email: \"x@example.com\" } }", "{}", "feature");
            g.mutate("query q() { insert Person { name: \"Eve\", email: \"x@example.com\" } }");
            assertThatThrownBy(() -> merge(g, "feature", "main")).isInstanceOfSatisfying(EngineException.MergeConflicts.class, e -> {
                assertThat(e.conflicts()).extracting(MergeConflict::kind).containsExactly(MergeConflictKind.UNIQUE_VIOLATION);
                assertThat(e.conflicts().get(0).typeName()).isEqualTo("Person");
                assertThat(e.conflicts().get(0).message()).contains("@unique violation on Person.email");
            });

            g.graph.createBranch(NOBODY, "f2", "main");
            g.mutate("query q() { insert Manages { from: \"Alice\", to: \"Bob\" } }", "{}", "f2");
            g.mutate("query q() { insert Manages { from: \"Alice\", to: \"Carol\" } }");
            String before = g.head();
            assertThatThrownBy(() -> merge(g, "f2", "main")).isInstanceOfSatisfying(EngineException.MergeConflicts.class, e -> {
                assertThat(e.conflicts()).extracting(MergeConflict::kind).containsExactly(MergeConflictKind.CARDINALITY_VIOLATION);
                assertThat(e.conflicts().get(0).entityKind().text()).isEqualTo("edge");
                assertThat(e.conflicts().get(0).message()).contains("source 'Alice' has 2 edges (max 1)");
            });
            assertThat(g.head()).isEqualTo(before);
        }
    }

    @Test
    void policyGatesMergeDeleteAndHistoryReads() throws Exception {
        String yaml = """
                version: 1
                groups:
                  reviewers: [ruth]
                  agents: [agent-1]
                protected_branches: [main]
                rules:
                  - id: reviewers-read
                    allow:
                      actors: { group: reviewers }
                      actions: [read]
                  - id: reviewers
                    allow:
                      actors: { group: reviewers }
                      actions: [branch_merge, branch_delete]
                      target_branch_scope: any
                  - id: agents-read
                    allow:
                      actors: { group: agents }
                      actions: [read]
                  - id: agents-change
                    allow:
                      actors: { group: agents }
                      actions: [change]
                      branch_scope: unprotected
                  - id: agents-merge-own
                    allow:
                      actors: { group: agents }
                      actions: [branch_merge]
                      target_branch_scope: unprotected
                """;
        try (TestGraph g = TestGraph.seeded()) {
            PolicyGate gate = PolicyGate.cedar(PolicyEngine.forGraph(PolicyBundle.parse(yaml, "graph.policy.yaml"), g.graph.graphId()));
            Graph gated = g.graph.withGate(gate);
            g.graph.createBranch(NOBODY, "a", "main");
            g.graph.createBranch(NOBODY, "b", "main");
            g.mutate("query q() { insert Person { name: \"Eve\" } }", "{}", "a");
            Optional<Actor> agent = Optional.of(Actor.of("agent-1"));
            Optional<Actor> ruth = Optional.of(Actor.of("ruth"));
            String mainBefore = g.head();
            assertThatThrownBy(() -> gated.history().merge(agent, BranchMergeRequest.of("a", "main")))
                    .isInstanceOf(EngineException.PolicyDenied.class);
            assertThat(g.head()).isEqualTo(mainBefore);
            // an agent may merge into an unprotected branch, but not delete the source afterwards
            BranchMergeResult r = gated.history().merge(agent, BranchMergeRequest.of("a", "b").deletingSource());
            assertThat(r.merge().outcome()).isEqualTo(MergeOutcome.FAST_FORWARD);
            assertThat(r.branchDeleted()).contains(false);
            assertThat(r.branchDeleteError().orElseThrow()).isNotBlank();
            assertThat(g.graph.branches(NOBODY)).contains("a");
            // a reviewer merges into main and deletes
            BranchMergeResult ok = gated.history().merge(ruth, BranchMergeRequest.of("b", "main").deletingSource());
            assertThat(ok.branchDeleted()).contains(true);
            assertThat(g.graph.commits(NOBODY, "main", 1).get(0).actorId()).contains("ruth");
            // reads: anyone in a group; strangers are refused
            assertThat(gated.history().poll(agent, FeedRequest.start("main", "beginning")).blocks()).isNotEmpty();
            assertThatThrownBy(() -> gated.history().poll(Optional.of(Actor.of("mallory")), FeedRequest.start("main", "now")))
                    .isInstanceOf(EngineException.PolicyDenied.class);
            assertThatThrownBy(() -> gated.history().commitChanges(Optional.of(Actor.of("mallory")), mainBefore,
                    ChangeFilter.all(), PageSpec.defaults(), Optional.empty())).isInstanceOf(EngineException.PolicyDenied.class);
        }
    }

    @Test
    void scenarios17To20CommitChangesFeedAndBaseline() {
        try (TestGraph g = TestGraph.seeded()) {
            GraphHistory h = g.graph.history();
            String c2 = g.mutate("query q() { insert Person { name: \"Eve\", age: 22 } }").commit().orElseThrow().graphCommitId();
            String c3 = g.mutate("query q() { update Person set { age: 50 } where name = \"Eve\" }").commit().orElseThrow().graphCommitId();
            String c4 = g.mutate("query q() { delete Person where name = \"Eve\" }").commit().orElseThrow().graphCommitId();
            CommitChangesPage p3 = h.commitChanges(NOBODY, c3, ChangeFilter.all(), PageSpec.defaults(), Optional.empty());
            assertThat(p3.changes()).hasSize(1);
            EntityChange up = p3.changes().get(0);
            assertThat(up.op()).isEqualTo(ChangeOp.UPDATE);
            assertThat(up.before().orElseThrow().properties().get("age").asInt()).isEqualTo(22);
            assertThat(up.after().orElseThrow().properties().get("age").asInt()).isEqualTo(50);
            assertThat(up.type().name()).isEqualTo("Person");
            EntityChange del = h.commitChanges(NOBODY, c4, ChangeFilter.all(), PageSpec.defaults(), Optional.empty()).changes().get(0);
            assertThat(del.op()).isEqualTo(ChangeOp.DELETE);
            assertThat(h.commitChanges(NOBODY, c2, ChangeFilter.all(), PageSpec.defaults(), Optional.empty()).changes().get(0).op())
                    .isEqualTo(ChangeOp.INSERT);
            String genesis = g.commits().get(g.commits().size() - 1).graphCommitId();
            assertThatThrownBy(() -> h.commitChanges(NOBODY, genesis, ChangeFilter.all(), PageSpec.defaults(), Optional.empty()))
                    .isInstanceOfSatisfying(EngineException.ChangeDiffRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(EngineException.ChangeDiffRefused.Reason.PARENTLESS_COMMIT));

            FeedPage all = h.poll(NOBODY, FeedRequest.start("main", "beginning"));
            assertThat(all.blocks()).hasSize(4); // the load and the three mutations
            assertThat(all.blocks().get(0).changes()).hasSize(11); // test.jsonl: 6 nodes + 5 edges
            assertThat(all.blocks().get(0).changes().get(0).kind().text()).isEqualTo("node");
            g.mutate("query q() { insert Person { name: \"F1\" } }");
            g.mutate("query q() { insert Person { name: \"F2\" } }");
            FeedPage next = h.poll(NOBODY, FeedRequest.resume("main", all.cursor().orElseThrow()));
            assertThat(next.blocks()).hasSize(2);
            FeedPage idle = h.poll(NOBODY, FeedRequest.resume("main", next.cursor().orElseThrow()));
            assertThat(idle.blocks()).isEmpty();
            assertThat(idle.caughtUp()).contains(true);

            List<ObjectNode> records = new ArrayList<>();
            BaselineResult b = h.baseline(NOBODY, "main", ChangeFilter.all(), records::add);
            assertThat(records).hasSize(13);
            assertThat(records.stream().filter(r -> r.has("type")).count()).isEqualTo(8); // 6 people, 2 companies
            assertThat(records.get(6).get("data").has("age")).as("null properties are omitted, as in export").isFalse();
            assertThat(records.stream().filter(r -> r.has("edge")).count()).isEqualTo(5);
            assertThat(b.snapshotCommitId()).isEqualTo(g.head());
            assertThat(h.poll(NOBODY, FeedRequest.resume("main", b.resumeCursor())).blocks()).isEmpty();
            assertThat(h.diff(NOBODY, ReadTarget.commit(c2), ReadTarget.branch("main"), ChangeFilter.all()))
                    .extracting(c -> c.id() + ":" + c.op().wire()).hasSize(3);
        }
    }
}
