package io.omnigraph.engine.testing;

import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.merge.MergeRequest;
import io.omnigraph.engine.merge.MergeResult;
import io.omnigraph.engine.merge.MergeValidator;
import io.omnigraph.engine.merge.Merger;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.storage.ObjectStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test-only builder over {@link GraphStore} with the {@link TestGraphs#schema()} tables: Person nodes (id = name,
 * nullable age) and Knows edges Person → Person. Writes publish plain segments like the real writers do (a data
 * segment of upserted rows, a delete segment of removed ids; deleting a person cascades to its edges).
 */
public final class MiniGraph implements AutoCloseable {
    public static final Map<String, OrphanEdgeCheck.Endpoints> ENDPOINTS =
            Map.of("knows", new OrphanEdgeCheck.Endpoints("person", "person"));

    public final GraphStore g;
    private final Merger merger;

    public MiniGraph(ObjectStore store, long seed) {
        this(GraphStore.init(store, TestGraphs.schema(), Optional.empty(), TestGraphs.deterministic(seed)));
    }

    public MiniGraph(GraphStore g) {
        this.g = g;
        this.merger = new Merger(g, OrphanEdgeCheck.of(ENDPOINTS));
    }

    public static MiniGraph open(ObjectStore store, GraphStoreOptions options) {
        return new MiniGraph(GraphStore.open(store, options));
    }

    public void branch(String name, String from) {
        g.createBranch(name, ReadTarget.branch(from));
    }

    /** Upserts people given as name, age (Integer or null) pairs. */
    public Commit upsertPeople(String branch, Object... nameAge) {
        TableDataBuilder b = new TableDataBuilder(TestGraphs.person());
        for (int i = 0; i < nameAge.length; i += 2) {
            b.appendRow(nameAge[i], nameAge[i], nameAge[i + 1]);
        }
        TableData rows = b.build();
        var head = g.readBranch(branch);
        TableData current = g.snapshot(head).table("person");
        long fresh = 0;
        for (int r = 0; r < rows.rowCount(); r++) {
            fresh += current.rowOf(rows.ids().getString(r)) < 0 ? 1 : 0;
        }
        CommitDraft d = CommitDraft.builder("mutation").message("upsert people").append(g.encodeData(rows), fresh).build();
        return g.publish(PublishRequest.of(head, d)).commit();
    }

    /** Deletes people that exist and, in the same commit, every Knows edge touching them. Null when nothing matched. */
    public Commit deletePeople(String branch, String... names) {
        var head = g.readBranch(branch);
        var snap = g.snapshot(head);
        TableData people = snap.table("person");
        List<String> gone = new ArrayList<>();
        for (String n : names) {
            if (people.rowOf(n) >= 0) {
                gone.add(n);
            }
        }
        if (gone.isEmpty()) {
            return null;
        }
        TableData knows = snap.table("knows");
        Set<String> edges = new LinkedHashSet<>();
        for (int r = 0; r < knows.rowCount(); r++) {
            if (gone.contains(((StringColumn) knows.column(1)).getString(r)) || gone.contains(((StringColumn) knows.column(2)).getString(r))) {
                edges.add(knows.ids().getString(r));
            }
        }
        CommitDraft.Builder d = CommitDraft.builder("mutation").message("delete people")
                .append(g.encodeDelete(TestGraphs.person(), gone), -gone.size());
        if (!edges.isEmpty()) {
            d.append(g.encodeDelete(TestGraphs.knows(), edges), -edges.size());
        }
        return g.publish(PublishRequest.of(head, d.build())).commit();
    }

    /** Inserts (or replaces) an edge with an explicit id. */
    public Commit addEdge(String branch, String id, String from, String to) {
        TableData rows = new TableDataBuilder(TestGraphs.knows()).appendRow(id, from, to, null).build();
        var head = g.readBranch(branch);
        long fresh = g.snapshot(head).table("knows").rowOf(id) < 0 ? 1 : 0;
        return g.publish(PublishRequest.of(head, CommitDraft.builder("mutation").message("add edge")
                .append(g.encodeData(rows), fresh).build())).commit();
    }

    /** Deletes edges that exist; null when none did. */
    public Commit deleteEdges(String branch, String... ids) {
        var head = g.readBranch(branch);
        TableData knows = g.snapshot(head).table("knows");
        List<String> gone = new ArrayList<>();
        for (String id : ids) {
            if (knows.rowOf(id) >= 0) {
                gone.add(id);
            }
        }
        if (gone.isEmpty()) {
            return null;
        }
        return g.publish(PublishRequest.of(head, CommitDraft.builder("mutation").message("delete edges")
                .append(g.encodeDelete(TestGraphs.knows(), gone), -gone.size()).build())).commit();
    }

    /** name → age (null age as -1) at a branch head or commit. */
    public Map<String, Integer> people(ReadTarget at) {
        TableData t = g.snapshot(at).table("person");
        Map<String, Integer> m = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Object age = t.column("age").get(r);
            m.put(t.ids().getString(r), age == null ? -1 : (Integer) age);
        }
        return m;
    }

    public Map<String, Integer> people(String branch) {
        return people(ReadTarget.branch(branch));
    }

    /** Edges as "id:src->dst". */
    public Set<String> edges(ReadTarget at) {
        TableData t = g.snapshot(at).table("knows");
        Set<String> s = new TreeSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            s.add(t.ids().getString(r) + ":" + ((StringColumn) t.column(1)).getString(r) + "->" + ((StringColumn) t.column(2)).getString(r));
        }
        return s;
    }

    public Set<String> edges(String branch) {
        return edges(ReadTarget.branch(branch));
    }

    public MergeResult merge(String source, String target) {
        return merger.merge(MergeRequest.of(source, target, Optional.of("tester")));
    }

    public Merger merger(MergeValidator validator) {
        return new Merger(g, validator);
    }

    /** A minimal cleanup: deletes every object no ref reaches under "keep the newest {@code keep} commits per branch". */
    public int cleanup(int keep) {
        int n = 0;
        for (var o : g.orphanCandidates(new io.omnigraph.engine.commit.RetentionPolicy(keep, Optional.empty()), java.time.Duration.ZERO)) {
            g.objectStore().delete(o.key());
            n++;
        }
        return n;
    }

    /** Replaces the whole person table with the given rows (an overwrite load / compaction). */
    public Commit overwritePeople(String branch, Object... nameAge) {
        TableDataBuilder b = new TableDataBuilder(TestGraphs.person());
        for (int i = 0; i < nameAge.length; i += 2) {
            b.appendRow(nameAge[i], nameAge[i], nameAge[i + 1]);
        }
        TableData rows = b.build();
        var head = g.readBranch(branch);
        return g.publish(PublishRequest.of(head, CommitDraft.builder("load").message("overwrite people")
                .replace("person", List.of(g.encodeData(rows)), rows.rowCount()).build())).commit();
    }

    public String head(String branch) {
        return g.readBranch(branch).headCommitId();
    }

    @Override
    public void close() {
        g.close();
    }
}
