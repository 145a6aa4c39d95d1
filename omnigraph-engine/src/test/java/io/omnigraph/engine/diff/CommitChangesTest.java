package io.omnigraph.engine.diff;

import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableSchema;
import io.omnigraph.engine.testing.MiniGraph;
import io.omnigraph.engine.testing.TestGraphs;
import io.omnigraph.storage.memory.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitChangesTest {

    private static MiniGraph seeded() {
        MiniGraph m = new MiniGraph(new InMemoryObjectStore(), 3);
        m.upsertPeople("main", "Alice", 30, "Bob", 25, "Charlie", 35, "Diana", 28);
        m.addEdge("main", "k1", "Alice", "Bob");
        return m;
    }

    @Test
    void scenario18InsertUpdateDeleteWithExactImages() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            Commit c2 = m.upsertPeople("main", "Eve", 22);
            Commit c3 = m.upsertPeople("main", "Eve", 50);
            Commit c4 = m.deletePeople("main", "Eve");

            List<EntityChange> ins = h.commitChanges(c2.id());
            assertThat(ins).hasSize(1);
            assertThat(ins.get(0).op()).isEqualTo(ChangeOp.INSERT);
            assertThat(ins.get(0).before()).isEmpty();
            assertThat(ins.get(0).after().orElseThrow().properties().get("age").asInt()).isEqualTo(22);
            assertThat(ins.get(0).after().orElseThrow().properties().get("name").asText()).isEqualTo("Eve");
            assertThat(ins.get(0).type()).isEqualTo(new ChangeType("person", "Person"));

            EntityChange up = h.commitChanges(c3.id()).get(0);
            assertThat(up.op()).isEqualTo(ChangeOp.UPDATE);
            assertThat(up.before().orElseThrow().properties().get("age").asInt()).isEqualTo(22);
            assertThat(up.after().orElseThrow().properties().get("age").asInt()).isEqualTo(50);
            assertThat(ChangeJson.change(up).at("/after/properties/age").asInt()).isEqualTo(50);

            EntityChange del = h.commitChanges(c4.id()).get(0);
            assertThat(del.op()).isEqualTo(ChangeOp.DELETE);
            assertThat(del.after()).isEmpty();
            assertThat(del.before().orElseThrow().properties().get("age").asInt()).isEqualTo(50);

            CommitChangesPage page = h.commitChanges(c3.id(), ChangeFilter.all(), PageSpec.defaults(), Optional.empty());
            assertThat(page.cause().graphCommitId()).isEqualTo(c3.id());
            assertThat(page.cause().parentCommitId()).contains(c2.id());
            assertThat(page.cause().authoredBranch()).isEqualTo("main");
            assertThat(page.nextPageToken()).isEmpty();

            String genesis = m.g.stamp().genesisCommit();
            assertThatThrownBy(() -> h.commitChanges(genesis))
                    .isInstanceOfSatisfying(EngineException.ChangeDiffRefused.class, e -> {
                        assertThat(e.reason()).isEqualTo(EngineException.ChangeDiffRefused.Reason.PARENTLESS_COMMIT);
                        assertThat(e.details()).containsEntry("reason", "parentless_commit");
                    });
            assertThatThrownBy(() -> h.commitChanges("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isInstanceOf(EngineException.NotFound.class);
        }
    }

    @Test
    void identicalRewritesAndCompactionAreEmptyBlocks() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            Commit same = m.upsertPeople("main", "Alice", 30);
            assertThat(h.commitChanges(same.id())).as("rewriting a row with equal values is no change").isEmpty();
            Commit compacted = m.overwritePeople("main", "Alice", 30, "Bob", 25, "Charlie", 35, "Diana", 28);
            assertThat(h.commitChanges(compacted.id())).as("compaction is an empty block").isEmpty();
            Commit shrink = m.overwritePeople("main", "Alice", 30, "Bob", 26);
            assertThat(h.commitChanges(shrink.id())).extracting(c -> c.id() + ":" + c.op().wire())
                    .containsExactly("Bob:update", "Charlie:delete", "Diana:delete");
        }
    }

    @Test
    void frozenOrderNodesBeforeEdgesThenTypeThenIdThenOp() {
        try (MiniGraph m = seeded()) {
            var head = m.g.readBranch("main");
            var people = new TableDataBuilder(TestGraphs.person()).appendRow("Zed", "Zed", 1).appendRow("Amy", "Amy", 2).build();
            var companies = new TableDataBuilder(TestGraphs.company()).appendRow("Acme", "Acme").build();
            var knows = new TableDataBuilder(TestGraphs.knows()).appendRow("k0", "Amy", "Zed", null).build();
            Commit c = m.g.publish(PublishRequest.of(head, CommitDraft.builder("load")
                    .append(m.g.encodeData(knows), 1)
                    .append(m.g.encodeData(people), 2)
                    .append(m.g.encodeDelete(TestGraphs.person(), List.of("Bob")), -1)
                    .append(m.g.encodeData(companies), 1).build())).commit();
            List<EntityChange> changes = new ChangeHistory(m.g).commitChanges(c.id());
            assertThat(changes).extracting(x -> x.kind().text() + ":" + x.type().id() + ":" + x.id() + ":" + x.op().wire())
                    .containsExactly("node:company:Acme:insert", "node:person:Amy:insert", "node:person:Bob:delete",
                            "node:person:Zed:insert", "edge:knows:k0:insert");
            EntityChange edge = changes.get(4);
            assertThat(edge.after().orElseThrow().endpoints()).contains(new EntityImage.Endpoints("Amy", "Zed"));
            assertThat(edge.after().orElseThrow().properties()).containsOnlyKeys("since");
        }
    }

    @Test
    void filtersAndPagingWithTokensBoundToCommitAndFilter() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            Object[] rows = new Object[2 * 2500];
            for (int i = 0; i < 2500; i++) {
                rows[2 * i] = String.format("p%05d", i);
                rows[2 * i + 1] = i;
            }
            Commit big = m.upsertPeople("main", rows);
            Commit other = m.upsertPeople("main", "Solo", 1);
            List<EntityChange> all = h.commitChanges(big.id());
            assertThat(all).hasSize(2500);

            List<EntityChange> paged = new ArrayList<>();
            Optional<String> token = Optional.empty();
            int pages = 0;
            do {
                CommitChangesPage p = h.commitChanges(big.id(), ChangeFilter.all(), new PageSpec(1000, PageSpec.DEFAULT_BYTES), token);
                paged.addAll(p.changes());
                token = p.nextPageToken();
                pages++;
                if (token.isPresent()) {
                    assertThat(token.get().length()).isLessThanOrEqualTo(ChangeTokens.MAX_LENGTH);
                    String t = token.get();
                    assertThatThrownBy(() -> h.commitChanges(other.id(), ChangeFilter.all(), PageSpec.defaults(), Optional.of(t)))
                            .hasMessageContaining("change cursor rejected: the page token belongs to another commit");
                    String tampered = t.substring(0, 10) + (t.charAt(10) == 'A' ? 'B' : 'A') + t.substring(11);
                    assertThatThrownBy(() -> h.commitChanges(big.id(), ChangeFilter.all(), PageSpec.defaults(), Optional.of(tampered)))
                            .isInstanceOfSatisfying(EngineException.Invalid.class,
                                    e -> assertThat(e.code()).isEqualTo(EngineErrorCode.CHANGE_CURSOR_REJECTED));
                    ChangeFilter inserts = ChangeFilter.parse(List.of(), List.of(), List.of("insert"));
                    assertThatThrownBy(() -> h.commitChanges(big.id(), inserts, PageSpec.defaults(), Optional.of(t)))
                            .hasMessageContaining("other filters");
                }
            } while (token.isPresent());
            assertThat(pages).isEqualTo(3);
            assertThat(paged).isEqualTo(all);

            // byte packing: a tiny byte target still emits one change per page
            CommitChangesPage one = h.commitChanges(big.id(), ChangeFilter.all(), new PageSpec(1000, 1), Optional.empty());
            assertThat(one.changes()).hasSize(1);

            assertThatThrownBy(() -> new PageSpec(9000, PageSpec.DEFAULT_BYTES))
                    .isInstanceOfSatisfying(EngineException.ResourceLimit.class, e -> assertThat(e.limit()).isEqualTo(8192));

            Commit mixed = m.deletePeople("main", "Alice");
            assertThat(h.commitChanges(mixed.id(), ChangeFilter.parse(List.of("edge"), List.of(), List.of()), PageSpec.defaults(), Optional.empty()).changes())
                    .extracting(EntityChange::id).containsExactly("k1");
            assertThat(h.commitChanges(mixed.id(), ChangeFilter.parse(List.of(), List.of("Person"), List.of("delete")), PageSpec.defaults(), Optional.empty()).changes())
                    .extracting(EntityChange::id).containsExactly("Alice");
            assertThat(h.commitChanges(mixed.id(), ChangeFilter.parse(List.of(), List.of(), List.of("insert")), PageSpec.defaults(), Optional.empty()).changes())
                    .isEmpty();
            assertThatThrownBy(() -> h.commitChanges(mixed.id(), ChangeFilter.parse(List.of(), List.of("Persn"), List.of()), PageSpec.defaults(), Optional.empty()))
                    .hasMessageContaining("unknown type 'Persn'").hasMessageContaining("Person");
            assertThatThrownBy(() -> ChangeFilter.parse(List.of("vertex"), List.of(), List.of())).hasMessageContaining("node or edge");
            assertThatThrownBy(() -> ChangeFilter.parse(List.of(), List.of(), List.of("upsert"))).hasMessageContaining("insert, update or delete");
        }
    }

    @Test
    void mergeCommitsDiffAgainstTheirFirstParentAndNameTheMergedParent() {
        try (MiniGraph m = seeded()) {
            m.branch("feature", "main");
            m.upsertPeople("feature", "Eve", 22);
            Commit onMain = m.upsertPeople("main", "Bob", 26);
            Commit merge = m.merge("feature", "main").commit().orElseThrow();
            List<EntityChange> changes = new ChangeHistory(m.g).commitChanges(merge.id());
            assertThat(changes).extracting(c -> c.id() + ":" + c.op().wire()).containsExactly("Eve:insert");
            CommitChangesPage p = new ChangeHistory(m.g).commitChanges(merge.id(), ChangeFilter.all(), PageSpec.defaults(), Optional.empty());
            assertThat(p.cause().parentCommitId()).contains(onMain.id());
            assertThat(p.cause().mergedParentCommitId()).contains(m.head("feature"));
            assertThat(p.cause().actorId()).contains("tester");
        }
    }

    @Test
    void snapshotDiffAcrossBranchesIsNetCurrent() {
        try (MiniGraph m = seeded()) {
            String base = m.head("main");
            m.branch("feature", "main");
            m.upsertPeople("feature", "Eve", 22);
            m.upsertPeople("feature", "Eve", 23);
            m.upsertPeople("feature", "Zoe", 1);
            m.deletePeople("feature", "Zoe");
            m.deletePeople("feature", "Bob");
            m.upsertPeople("main", "Alice", 31);
            ChangeHistory h = new ChangeHistory(m.g);
            List<EntityChange> d = h.diff(ReadTarget.branch("main"), ReadTarget.branch("feature"), ChangeFilter.all());
            assertThat(d).extracting(c -> c.id() + ":" + c.op().wire())
                    .containsExactly("Alice:update", "Bob:delete", "Eve:insert", "k1:delete");
            assertThat(d.get(0).after().orElseThrow().properties().get("age").asInt()).isEqualTo(30);
            assertThat(h.diff(ReadTarget.commit(base), ReadTarget.branch("feature"), ChangeFilter.all()))
                    .extracting(c -> c.id() + ":" + c.op().wire()).containsExactly("Bob:delete", "Eve:insert", "k1:delete");
            assertThat(h.diff(ReadTarget.branch("feature"), ReadTarget.branch("feature"), ChangeFilter.all())).isEmpty();
        }
    }

    @Test
    void schemaChangesThatRewriteOrDropDataAreRefusedAtTheBoundary() {
        try (MiniGraph m = seeded()) {
            ChangeHistory h = new ChangeHistory(m.g);
            // a schema change that only adds a table keeps every segment list: no entity changes
            TableSchema pet = TableSchema.node("pet", "Pet", List.of(ColumnSpec.of("name", 9, ScalarType.STRING, false)));
            SchemaObject withPet = SchemaObject.create("v2", null, List.of(TestGraphs.person(), TestGraphs.company(), TestGraphs.knows(), pet));
            Commit addPet = m.g.publish(PublishRequest.of(m.g.readBranch("main"), CommitDraft.builder("schema_apply")
                    .newSchema(withPet).build())).commit();
            assertThat(h.commitChanges(addPet.id())).isEmpty();

            // changing the person table's columns and rewriting its data in the same commit
            TableSchema person2 = TableSchema.node("person", "Person", List.of(ColumnSpec.of("name", 1, ScalarType.STRING, false),
                    ColumnSpec.of("age", 2, ScalarType.I64, true)));
            SchemaObject v3 = SchemaObject.create("v3", null, List.of(person2, TestGraphs.company(), TestGraphs.knows(), pet));
            var rows = new TableDataBuilder(person2).appendRow("Alice", "Alice", 30L).build();
            Commit rewrite = m.g.publish(PublishRequest.of(m.g.readBranch("main"), CommitDraft.builder("schema_apply")
                    .newSchema(v3).replace("person", List.of(m.g.encodeData(rows)), 1).build())).commit();
            assertThatThrownBy(() -> h.commitChanges(rewrite.id()))
                    .isInstanceOfSatisfying(EngineException.ChangeDiffRefused.class, e -> {
                        assertThat(e.reason()).isEqualTo(EngineException.ChangeDiffRefused.Reason.SCHEMA_BOUNDARY);
                        assertThat(e.typeName()).contains("Person");
                        assertThat(e.commitId()).isEqualTo(rewrite.id());
                    });

            // dropping a type that holds rows
            SchemaObject v4 = SchemaObject.create("v4", null, List.of(person2, TestGraphs.company(), pet));
            Commit drop = m.g.publish(PublishRequest.of(m.g.readBranch("main"), CommitDraft.builder("schema_apply")
                    .newSchema(v4).change("knows", new io.omnigraph.engine.commit.TableChange.Drop()).build())).commit();
            assertThatThrownBy(() -> h.commitChanges(drop.id()))
                    .isInstanceOfSatisfying(EngineException.ChangeDiffRefused.class, e -> assertThat(e.typeName()).contains("Knows"));
        }
    }

    @Test
    void reclaimedDataIsAFeedGap() {
        try (MiniGraph m = seeded()) {
            Commit c2 = m.upsertPeople("main", "Eve", 22);
            m.overwritePeople("main", "Solo", 1);
            assertThat(m.cleanup(1)).isPositive();
            ChangeHistory h = new ChangeHistory(m.g);
            assertThatThrownBy(() -> h.commitChanges(c2.id(), ChangeFilter.all(), PageSpec.defaults(), Optional.empty()))
                    .isInstanceOfSatisfying(EngineException.ChangeFeedGap.class,
                            e -> assertThat(e.firstUnreadableCommitId()).isEqualTo(c2.id()));
            assertThat(Set.of(TableKind.NODE)).isNotEmpty();
        }
    }
}
