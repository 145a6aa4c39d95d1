package io.omnigraph.engine.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.PublishResult;
import io.omnigraph.engine.commit.Rebasers;
import io.omnigraph.engine.commit.TableChange;
import io.omnigraph.engine.diff.ImageValues;
import io.omnigraph.engine.diff.RowEquality;
import io.omnigraph.engine.diff.RowGather;
import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.diff.TableDelta;
import io.omnigraph.engine.diff.TableReader;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.SegmentRef;
import io.omnigraph.engine.format.TableState;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Three-way merge of one branch into another (engine.md §2.3), all or nothing.
 *
 * <ol>
 *   <li>Read both refs. Equal heads, or a source head the target already contains (the merge base is the source
 *       head) → {@link MergeOutcome#ALREADY_UP_TO_DATE}; nothing is published.</li>
 *   <li>Merge base = best common ancestor over first <em>and</em> merged parents ({@link GraphStore#mergeBase}).</li>
 *   <li>Per table (sorted by table key): skip when source and target have the same segment list or the source did
 *       not change it since the base. Candidates are the ids named by the segments the source wrote since the base
 *       ({@link TableDelta}); each is decided by the truth table with full-row logical equality:
 *       source unchanged → keep target; target unchanged → take source (a source delete deletes); both changed the
 *       same way → keep; both changed differently → conflict ({@code divergent_insert} when the base lacks the id,
 *       {@code delete_vs_update} when exactly one side lacks it, else {@code divergent_update}).</li>
 *   <li>A table the target did not touch since the base takes the source's segment list as is (no rows are
 *       written; the segments are shared), unless the source's changes to it net to zero, in which case the
 *       target's table stays. Any other changed table gets one data segment (merged rows that differ from the
 *       target) and one delete segment appended.</li>
 *   <li>Row conflicts of all tables are collected and reported together; only without them does the
 *       {@link MergeValidator} check the merged result (not for a fast forward: its result is the source's data,
 *       which the source's writers validated). Either kind of conflict throws
 *       {@link EngineException.MergeConflicts} and publishes nothing.</li>
 *   <li>Publish one commit on the target with parents {@code [target head, source head]} — for a fast forward too,
 *       so the merge shows in the history — guarded by the target head read in step 1; when the target moved
 *       meanwhile the whole merge is recomputed (bounded).</li>
 * </ol>
 * Cost scales with what the two sides wrote since the base (candidate ids and the segments holding them), not with
 * table sizes; see {@link MergeStats}.
 */
public final class Merger {
    /** How often a merge is recomputed when the target keeps moving before giving up with publish_contention. */
    public static final int MAX_ATTEMPTS = 5;

    private final GraphStore store;
    private final MergeValidator validator;

    public Merger(GraphStore store, MergeValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /**
     * Runs the merge.
     *
     * @throws EngineException.MergeConflicts row conflicts or integrity violations (target unchanged)
     * @throws EngineException.Invalid        same branch, unrelated histories, schemas differ
     * @throws EngineException.NotFound       unknown branch
     * @throws EngineException.Contention     the target kept moving
     */
    public MergeResult merge(MergeRequest request) {
        if (request.source().equals(request.target())) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, request.source(),
                    "cannot merge branch '" + request.source() + "' into itself; pick another target with --into");
        }
        for (int attempt = 1; ; attempt++) {
            BranchHead[] heads = readBoth(request.source(), request.target());
            BranchHead src = heads[0];
            BranchHead tgt = heads[1];
            try {
                return attempt(request, src, tgt, attempt);
            } catch (EngineException.PreconditionFailed moved) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new EngineException.Contention(request.target(), attempt);
                }
            }
        }
    }

    /**
     * Reads the source and target refs in parallel (one round trip); errors are reported as a sequential read would
     * (the source's first).
     */
    private BranchHead[] readBoth(String source, String target) {
        List<java.util.function.Supplier<Object>> reads = List.of(() -> tryRead(source), () -> tryRead(target));
        List<Object> got = io.omnigraph.storage.Parallel.all(reads);
        BranchHead[] out = new BranchHead[2];
        for (int i = 0; i < 2; i++) {
            if (got.get(i) instanceof RuntimeException e) {
                throw e;
            }
            out[i] = (BranchHead) got.get(i);
        }
        return out;
    }

    private Object tryRead(String branch) {
        try {
            return store.readBranch(branch);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private MergeResult attempt(MergeRequest request, BranchHead src, BranchHead tgt, int attempt) {
        String source = request.source();
        String target = request.target();
        if (src.headCommitId().equals(tgt.headCommitId())) {
            return upToDate(request, Optional.of(src.headCommitId()), attempt);
        }
        Commit sc = store.commit(src.headCommitId());
        Commit tc = store.commit(tgt.headCommitId());
        Commit base = store.mergeBase(sc.id(), tc.id()).orElseThrow(() -> new EngineException.Invalid(
                EngineErrorCode.INVALID_ARGUMENT, source, "branches '" + source + "' and '" + target
                + "' share no history (no common ancestor commit); nothing to merge"));
        if (base.id().equals(sc.id())) {
            return upToDate(request, Optional.of(base.id()), attempt);
        }
        if (!sc.schemaDigest().equals(tc.schemaDigest())) {
            throw new EngineException.Invalid(EngineErrorCode.SCHEMA_MISMATCH, source, "branch '" + source
                    + "' has schema " + sc.schemaDigest() + " but '" + target + "' has " + tc.schemaDigest()
                    + "; merges never reconcile schemas — apply the same schema to both first");
        }
        boolean fastForward = base.id().equals(tc.id());
        Snapshot targetSnap = store.snapshot(tgt);
        Plan plan = plan(base, sc, tc, targetSnap, source, target);
        if (!plan.conflicts.isEmpty()) {
            throw conflicts(source, target, plan.conflicts);
        }
        // a fast forward yields exactly the source's data, which its own writers validated: nothing new to check
        List<MergeConflict> invalid = fastForward ? List.of() : validator.validate(new MergedResult(targetSnap, plan.deltas));
        if (!invalid.isEmpty()) {
            throw conflicts(source, target, invalid);
        }
        CommitDraft.Builder draft = CommitDraft.builder("merge")
                .message(request.message().orElse("merge " + source + " into " + target))
                .actor(request.actor())
                .mergedParent(sc.id());
        long written = 0;
        for (TableMergeDelta d : plan.deltas.values()) {
            if (d.adopted()) {
                TableState s = sc.tables().get(d.tableKey());
                draft.change(d.tableKey(), new TableChange.Replace(s.segments(), s.liveRows(), s.liveRowsEstimated()));
                continue;
            }
            if (!d.upserts().isEmpty()) {
                List<RowRef> rows = new ArrayList<>(d.upserts().values());
                written += rows.size();
                draft.append(store.encodeData(RowGather.gather(d.schema(), rows)), plan.inserted.getOrDefault(d.tableKey(), 0L));
            }
            if (!d.deletes().isEmpty()) {
                draft.append(store.encodeDelete(d.schema(), d.deletes()), -d.deletes().size());
            }
        }
        PublishResult published = store.publish(PublishRequest.of(tgt, draft.build())
                .ifHead(tgt.headCommitId()).withRebaser(Rebasers.never()));
        long ups = 0;
        long dels = 0;
        int adopted = 0;
        for (TableMergeDelta d : plan.deltas.values()) {
            ups += d.upserts().size();
            dels += d.deletes().size();
            adopted += d.adopted() ? 1 : 0;
        }
        MergeStats stats = new MergeStats(plan.deltas.size(), adopted, plan.candidates, ups, dels, written,
                plan.segmentsRead, attempt);
        return new MergeResult(source, target, fastForward ? MergeOutcome.FAST_FORWARD : MergeOutcome.MERGED,
                request.actor(), Optional.of(published.commit()), Optional.of(base.id()), stats);
    }

    private static MergeResult upToDate(MergeRequest r, Optional<String> base, int attempt) {
        return new MergeResult(r.source(), r.target(), MergeOutcome.ALREADY_UP_TO_DATE, r.actor(), Optional.empty(),
                base, MergeStats.none(attempt));
    }

    private static EngineException.MergeConflicts conflicts(String source, String target, List<MergeConflict> cs) {
        List<MergeConflict> sorted = new ArrayList<>(cs);
        sorted.sort(MergeConflict.ORDER);
        return new EngineException.MergeConflicts(source, target, sorted);
    }

    /** The row-level decisions of one merge attempt. */
    private static final class Plan {
        final Map<String, TableMergeDelta> deltas = new TreeMap<>();
        final Map<String, Long> inserted = new LinkedHashMap<>();
        final List<MergeConflict> conflicts = new ArrayList<>();
        long candidates;
        long segmentsRead;
    }

    private Plan plan(Commit base, Commit sc, Commit tc, Snapshot targetSnap, String source, String target) {
        Plan plan = new Plan();
        for (TableSchema ts : targetSnap.schema().tables().values()) {
            String key = ts.tableKey();
            List<SegmentRef> b = base.table(key).map(TableState::segments).orElse(List.of());
            List<SegmentRef> s = sc.tables().get(key).segments();
            List<SegmentRef> t = tc.tables().get(key).segments();
            if (s.equals(t) || s.equals(b)) {
                continue;
            }
            TableReader reader = new TableReader(store.materializer(), ts);
            TableDelta.Views sv = TableDelta.views(reader, b, s);
            List<String> candidates = new ArrayList<>(TableDelta.candidates(reader, sv));
            candidates.sort(null);
            plan.candidates += candidates.size();
            Map<String, RowRef> upserts = new LinkedHashMap<>();
            Set<String> deletes = new HashSet<>();
            boolean adopt = t.equals(b);
            TableDelta.Views tv = adopt ? null : TableDelta.views(reader, b, t);
            Set<String> targetTouched = adopt ? Set.of() : TableDelta.candidates(reader, tv);
            // decode every segment the lookups below may need in one parallel batch (not one by one while walking)
            reader.prefetch(adopt ? List.of(sv.from(), sv.to()) : List.of(sv.from(), sv.to(), tv.to()), candidates);
            long inserted = 0;
            for (String id : candidates) {
                RowRef br = sv.from().findOrNull(id);
                RowRef sr = sv.to().findOrNull(id);
                if (RowRef.same(br, sr)) {
                    continue; // source did not change this row (rewritten identically, or changed and reverted)
                }
                RowRef tr = targetTouched.contains(id) ? tv.to().findOrNull(id) : br;
                if (RowRef.same(tr, br)) {
                    if (sr == null) {
                        deletes.add(id);
                    } else {
                        upserts.put(id, sr);
                        inserted += tr == null ? 1 : 0;
                    }
                } else if (!RowRef.same(sr, tr)) {
                    plan.conflicts.add(rowConflict(ts, id, br, sr, tr, source, target));
                }
            }
            plan.segmentsRead += reader.segmentsDecoded();
            if (!upserts.isEmpty() || !deletes.isEmpty()) {
                plan.deltas.put(key, new TableMergeDelta(ts, upserts, deletes, adopt));
                plan.inserted.put(key, inserted);
            }
        }
        return plan;
    }

    static MergeConflict rowConflict(TableSchema ts, String id, RowRef b, RowRef s, RowRef t, String source, String target) {
        MergeConflictKind kind = b == null ? MergeConflictKind.DIVERGENT_INSERT
                : (s == null || t == null) ? MergeConflictKind.DELETE_VS_UPDATE : MergeConflictKind.DIVERGENT_UPDATE;
        List<String> columns;
        if (s != null && t != null) {
            columns = RowEquality.differingColumns(s.data(), s.row(), t.data(), t.row());
        } else {
            RowRef present = s != null ? s : t;
            columns = RowEquality.differingColumns(b.data(), b.row(), present.data(), present.row());
        }
        List<MergeConflict.PropertyValues> props = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (String col : columns) {
            Optional<JsonNode> bv = valueOf(b, col);
            Optional<JsonNode> sv = valueOf(s, col);
            Optional<JsonNode> tv = valueOf(t, col);
            props.add(new MergeConflict.PropertyValues(col, bv, sv, tv, Optional.empty()));
            if (detail.length() > 0) {
                detail.append(", ");
            }
            detail.append(col).append(": ");
            if (b != null) {
                detail.append("base ").append(render(bv)).append(", ");
            }
            detail.append(source).append(' ').append(render(sv)).append(", ").append(target).append(' ').append(render(tv));
        }
        String what = ts.kind().text() + " " + ts.typeName() + " '" + id + "'";
        String message = switch (kind) {
            case DIVERGENT_INSERT -> what + " was inserted on both sides with different values (" + detail + ")";
            case DIVERGENT_UPDATE -> what + " was changed differently on both sides (" + detail + ")";
            default -> what + " was deleted on " + (s == null ? source : target) + " but changed on "
                    + (s == null ? target : source) + " (" + detail + ")";
        };
        return new MergeConflict(kind, ts.kind(), ts.typeName(), ts.tableKey(), Optional.of(id), props,
                Optional.ofNullable(b).map(ImageValues::image), Optional.ofNullable(s).map(ImageValues::image),
                Optional.ofNullable(t).map(ImageValues::image), message);
    }

    private static Optional<JsonNode> valueOf(RowRef r, String column) {
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(ImageValues.value(r.data().column(column), r.row()));
    }

    private static String render(Optional<JsonNode> v) {
        return v.map(JsonNode::toString).orElse("(absent)");
    }
}
