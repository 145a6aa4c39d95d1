package io.omnigraph.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.format.Json;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.engine.snapshot.Snapshot;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableKind;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * History read surfaces over one graph handle (engine.md §3.2–§3.4): a commit's entity changes (paged), the diff
 * between two snapshots, the change feed of a branch (cursors, page tokens, gaps) and the baseline handshake.
 * Thread-safe; keeps a bounded cache of computed commit diffs (commits are immutable) so paging through a large
 * commit does not recompute it.
 */
public final class ChangeHistory {
    /** Commits walked per poll (the spec's default window). */
    public static final int FEED_WINDOW = 128;
    /** Pending changes (a few references each; images are rendered per page) kept across pages and polls. */
    private static final long CACHE_CHANGES = 1_000_000;

    private final GraphStore store;
    private final CommitDiff diff;
    private final Cache<String, List<PendingChange>> commitChanges;

    public ChangeHistory(GraphStore store) {
        this.store = store;
        this.diff = new CommitDiff(store);
        // one segment, so a single large commit fits the whole weight budget
        this.commitChanges = CacheBuilder.newBuilder().concurrencyLevel(1).maximumWeight(CACHE_CHANGES)
                .weigher((String k, List<PendingChange> v) -> v.size() + 1).build();
    }

    public GraphStore store() {
        return store;
    }

    // ------------------------------------------------------------------------------------------------ commit changes

    /**
     * One page of the entity changes of a commit against its first parent, filtered.
     *
     * @throws EngineException.NotFound          unknown commit
     * @throws EngineException.ChangeDiffRefused genesis commit / schema boundary
     * @throws EngineException.ChangeFeedGap     the commit's data was reclaimed by cleanup
     * @throws EngineException.Invalid           bad page token ({@code change_cursor_rejected}) or unknown type name
     */
    public CommitChangesPage commitChanges(String commitId, ChangeFilter filter, PageSpec page, Optional<String> pageToken) {
        Commit c = store.commit(commitId);
        ChangeFilter.Bound bound = filter.bind(store.schema(c.schemaDigest()));
        List<PendingChange> all = filtered(changesOf(c, Optional.empty()), bound);
        int from = 0;
        if (pageToken.isPresent()) {
            ObjectNode t = ChangeTokens.decode(pageToken.get(), "commit_page", "page token");
            checkGraph(t);
            ChangeTokens.expect(t, "c", c.id(), "the page token belongs to another commit");
            ChangeTokens.expect(t, "f", filter.digest(), "the page token was issued for other filters (kind/type/op); "
                    + "repeat the request with the same filters");
            from = position(t, all);
        }
        List<EntityChange> page0 = pack(all, from, page);
        int end = from + page0.size();
        Optional<String> next = Optional.empty();
        if (end < all.size()) {
            ObjectNode t = scoped("commit_page");
            t.put("c", c.id());
            t.put("f", filter.digest());
            markPosition(t, all, end);
            next = Optional.of(ChangeTokens.encode(t));
        }
        return new CommitChangesPage(ChangeCause.of(c), page0, next);
    }

    /** All entity changes of a commit (unfiltered, unpaged; cached). */
    public List<EntityChange> commitChanges(String commitId) {
        return CommitDiff.render(changesOf(store.commit(commitId), Optional.empty()));
    }

    /** The net entity changes between two read targets (branches or commits), in the frozen order. */
    public List<EntityChange> diff(ReadTarget from, ReadTarget to, ChangeFilter filter) {
        Snapshot a = store.snapshot(from);
        Snapshot b = store.snapshot(to);
        ChangeFilter.Bound bound = filter.bind(b.schema());
        try {
            return CommitDiff.render(filtered(diff.pendingBetween(a.commit(), b.commit()), bound));
        } catch (EngineException.NotFound e) {
            if (e.kind().equals("segment")) {
                throw new EngineException.Reclaimed(a.commitId(), List.of(e.id()));
            }
            throw e;
        }
    }

    private List<PendingChange> changesOf(Commit c, Optional<String> cursor) {
        List<PendingChange> cached = commitChanges.getIfPresent(c.id());
        if (cached != null) {
            return cached;
        }
        List<PendingChange> computed;
        try {
            computed = diff.pendingChanges(c);
        } catch (EngineException.Reclaimed e) {
            throw new EngineException.ChangeFeedGap(cursor, c.id());
        }
        commitChanges.put(c.id(), computed);
        return computed;
    }

    private static List<PendingChange> filtered(List<PendingChange> all, ChangeFilter.Bound bound) {
        if (bound.filter().isAll()) {
            return all;
        }
        List<PendingChange> out = new ArrayList<>();
        for (PendingChange c : all) {
            if (bound.matches(c.kind(), c.type().id(), c.op())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The rendered changes from {@code from} that fit the page (at least one when any remain). */
    private static List<EntityChange> pack(List<PendingChange> changes, int from, PageSpec page) {
        List<EntityChange> out = new ArrayList<>();
        long bytes = 0;
        int i = from;
        while (i < changes.size() && i - from < page.limit()) {
            EntityChange c = changes.get(i).render();
            long size = ChangeJson.size(ChangeJson.change(c));
            if (i > from && bytes + size > page.maxBytes()) {
                break;
            }
            out.add(c);
            bytes += size;
            i++;
        }
        return out;
    }

    private static void markPosition(ObjectNode t, List<PendingChange> changes, int ordinal) {
        t.put("o", ordinal);
        PendingChange last = changes.get(ordinal - 1);
        t.put("lt", last.type().id());
        t.put("li", ChangeTokens.encodeId(last.id()));
        t.put("lo", last.op().wire());
    }

    private static int position(ObjectNode t, List<PendingChange> changes) {
        int o = t.path("o").asInt(-1);
        if (o < 1 || o > changes.size()) {
            throw ChangeTokens.rejected("the page token does not fit this listing");
        }
        PendingChange last = changes.get(o - 1);
        if (!last.type().id().equals(t.path("lt").asText()) || !ChangeTokens.encodeId(last.id()).equals(t.path("li").asText())
                || !last.op().wire().equals(t.path("lo").asText())) {
            throw ChangeTokens.rejected("the page token does not fit this listing");
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------------ feed

    /**
     * One poll of the change feed of a branch: blocks (one per commit, in first-parent order) after the position,
     * up to the head captured by the poll and at most {@link #FEED_WINDOW} commits, paged.
     *
     * @throws EngineException.Invalid       {@code change_cursor_rejected} for bad/foreign cursors and tokens, a
     *                                       start commit not on the branch; {@code invalid_argument} for bad start modes
     * @throws EngineException.ChangeFeedGap cleanup reclaimed data a block needs; run a baseline
     */
    public FeedPage poll(FeedRequest req) {
        int given = (req.cursor().isPresent() ? 1 : 0) + (req.start().isPresent() ? 1 : 0) + (req.pageToken().isPresent() ? 1 : 0);
        if (given > 1) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "cursor",
                    "cursor, start and page_token are mutually exclusive; pass one of them");
        }
        BranchHead head = store.readBranch(req.branch());
        Commit h = store.commit(head.headCommitId());
        ChangeFilter.Bound bound = req.filter().bind(store.schema(h.schemaDigest()));
        Scope scope = new Scope(req.branch(), head.ref().incarnation(), req.filter().digest());

        String cut;
        String after; // the position: blocks start after this commit (null = after the root)
        String next = null;
        int ordinal = 0;
        String end = null;
        if (req.pageToken().isPresent()) {
            ObjectNode t = ChangeTokens.decode(req.pageToken().get(), "feed_page", "page token");
            scope.check(t, this);
            cut = ChangeTokens.text(t, "cut", "page token");
            end = ChangeTokens.text(t, "end", "page token");
            next = ChangeTokens.text(t, "next", "page token");
            ordinal = t.path("o").asInt(0);
            after = null;
        } else if (req.cursor().isPresent()) {
            ObjectNode t = ChangeTokens.decode(req.cursor().get(), "cursor", "cursor");
            scope.check(t, this);
            cut = h.id();
            after = ChangeTokens.text(t, "c", "cursor");
        } else {
            String start = req.start().orElse("now");
            cut = h.id();
            if (start.equals("now")) {
                return new FeedPage(List.of(), Optional.of(cursor(scope, h.id())), Optional.of(true), Optional.empty());
            } else if (start.equals("beginning")) {
                after = null;
            } else if (start.startsWith("after:") && start.length() > 6) {
                after = start.substring(6);
            } else {
                throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, "start", "unknown start mode '" + start
                        + "'; use now, beginning or after:<commit_id>");
            }
        }

        List<Commit> window;
        if (next != null) {
            window = chainFrom(end, next, req.branch());
        } else {
            List<Commit> pending = chainAfter(cut, Optional.ofNullable(after), req.branch());
            window = pending.size() > FEED_WINDOW ? pending.subList(0, FEED_WINDOW) : pending;
            if (window.isEmpty()) {
                String pos = after != null ? after : rootOf(cut);
                return new FeedPage(List.of(), Optional.of(cursor(scope, pos)), Optional.of(true), Optional.empty());
            }
            end = window.get(window.size() - 1).id();
        }
        Optional<String> incoming = req.cursor();
        List<ChangeBlock> blocks = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        for (int w = 0; w < window.size(); w++) {
            Commit c = window.get(w);
            List<PendingChange> changes = filtered(changesOf(c, incoming), bound);
            int from = w == 0 ? ordinal : 0;
            if (from > changes.size()) {
                throw ChangeTokens.rejected("the page token does not fit this branch's history");
            }
            List<EntityChange> take = new ArrayList<>();
            int i = from;
            boolean full = false;
            while (i < changes.size()) {
                if (count + 1 > req.page().limit()) {
                    full = true;
                    break;
                }
                EntityChange rendered = changes.get(i).render();
                long size = ChangeJson.size(ChangeJson.change(rendered));
                if (count > 0 && bytes + size > req.page().maxBytes()) {
                    full = true;
                    break;
                }
                take.add(rendered);
                bytes += size;
                count++;
                i++;
            }
            if (!take.isEmpty() || !full) {
                blocks.add(new ChangeBlock(ChangeCause.of(c), take));
            }
            if (full) {
                ObjectNode t = scoped("feed_page");
                scope.write(t);
                t.put("cut", cut);
                t.put("end", end);
                t.put("next", c.id());
                t.put("o", i);
                return new FeedPage(blocks, Optional.empty(), Optional.empty(), Optional.of(ChangeTokens.encode(t)));
            }
        }
        return new FeedPage(blocks, Optional.of(cursor(scope, end)), Optional.of(end.equals(cut)), Optional.empty());
    }

    /** Commits after {@code afterId} (or after the root when empty) up to {@code headId}, oldest first. */
    private List<Commit> chainAfter(String headId, Optional<String> afterId, String branch) {
        long afterGen = -1;
        if (afterId.isPresent()) {
            try {
                afterGen = store.commit(afterId.get()).generation();
            } catch (EngineException.NotFound e) {
                throw ChangeTokens.rejected("commit '" + afterId.get() + "' is not on the first-parent history of branch '"
                        + branch + "'");
            }
        }
        List<Commit> out = new ArrayList<>();
        String cur = headId;
        while (true) {
            Commit c = store.commit(cur);
            if (afterId.isPresent() && c.id().equals(afterId.get())) {
                break;
            }
            if (c.firstParent().isEmpty()) {
                if (afterId.isPresent()) {
                    throw notOnChain(afterId.get(), branch);
                }
                break; // the root never yields a block
            }
            if (afterId.isPresent() && c.generation() <= afterGen) {
                throw notOnChain(afterId.get(), branch);
            }
            out.add(c);
            cur = c.firstParent().get();
        }
        Collections.reverse(out);
        return out;
    }

    /** Commits from {@code firstId} to {@code endId} inclusive on the first-parent chain of {@code endId}, oldest first. */
    private List<Commit> chainFrom(String endId, String firstId, String branch) {
        List<Commit> out = new ArrayList<>();
        String cur = endId;
        while (true) {
            Commit c = store.commit(cur);
            out.add(c);
            if (c.id().equals(firstId)) {
                break;
            }
            if (c.firstParent().isEmpty() || out.size() > FEED_WINDOW) {
                throw ChangeTokens.rejected("the page token does not fit the history of branch '" + branch + "'");
            }
            cur = c.firstParent().get();
        }
        Collections.reverse(out);
        return out;
    }

    private String rootOf(String headId) {
        Commit c = store.commit(headId);
        while (c.firstParent().isPresent()) {
            c = store.commit(c.firstParent().get());
        }
        return c.id();
    }

    private static EngineException.Invalid notOnChain(String id, String branch) {
        return ChangeTokens.rejected("commit '" + id + "' is not on the first-parent history of branch '" + branch + "'");
    }

    private ObjectNode scoped(String kind) {
        ObjectNode t = ChangeTokens.payload(kind);
        t.put("g", store.stamp().graphId());
        t.put("r", store.stamp().genesisCommit());
        return t;
    }

    private void checkGraph(ObjectNode t) {
        ChangeTokens.expect(t, "g", store.stamp().graphId(), "the token was issued by another graph");
        ChangeTokens.expect(t, "r", store.stamp().genesisCommit(), "the token was issued for another graph history");
    }

    private String cursor(Scope scope, String afterCommit) {
        ObjectNode t = scoped("cursor");
        scope.write(t);
        t.put("c", afterCommit);
        return ChangeTokens.encode(t);
    }

    /** What feed cursors and page tokens are bound to besides the graph: branch incarnation and filter. */
    private record Scope(String branch, String incarnation, String filterDigest) {
        void write(ObjectNode t) {
            t.put("b", branch);
            t.put("i", incarnation);
            t.put("f", filterDigest);
        }

        void check(ObjectNode t, ChangeHistory h) {
            h.checkGraph(t);
            String b = t.path("b").asText();
            if (!branch.equals(b)) {
                throw ChangeTokens.rejected("the cursor was issued for branch '" + b + "', not '" + branch + "'");
            }
            ChangeTokens.expect(t, "i", incarnation, "branch '" + branch + "' was deleted and re-created since the "
                    + "cursor was issued; start over (or run a baseline)");
            ChangeTokens.expect(t, "f", filterDigest, "the cursor was issued for other filters (kind/type/op); poll "
                    + "with the same filters or start over");
        }
    }

    // ------------------------------------------------------------------------------------------------ baseline

    /**
     * The baseline handshake: captures the head of {@code branch}, streams every entity of the snapshot that passes
     * the filter's kinds and types (nodes first, then edges; by type id) as export records
     * ({@code {"type":T,"data":{"id":…,…}}} / {@code {"edge":E,"from":…,"to":…,"data":{"id":…,…}}}, null
     * properties omitted, like {@code export}), then returns
     * the resume cursor (≡ after the captured head, bound to the full filter incl. ops). The caller writes the final
     * {@link ChangeJson#baselineRecord} only after every record was stored; a failed stream yields no cursor.
     */
    public BaselineResult baseline(String branch, ChangeFilter filter, Consumer<ObjectNode> records) {
        BranchHead head = store.readBranch(branch);
        Snapshot snap = store.snapshot(head);
        SchemaObject schema = snap.schema();
        ChangeFilter.Bound bound = filter.bind(schema);
        List<TableSchema> tables = new ArrayList<>(schema.tables().values());
        tables.sort(Comparator.comparing(TableSchema::kind).thenComparing(TableSchema::tableKey));
        long n = 0;
        for (TableSchema ts : tables) {
            if (!bound.matchesTable(ts.tableKey(), ts.kind())) {
                continue;
            }
            TableData t = snap.table(ts.tableKey());
            for (int r = 0; r < t.rowCount(); r++) {
                records.accept(exportRecord(new RowRef(t, r)));
                n++;
            }
        }
        Scope scope = new Scope(branch, head.ref().incarnation(), filter.digest());
        return new BaselineResult(snap.commitId(), cursor(scope, snap.commitId()), n);
    }

    /** One entity as an export record. */
    public static ObjectNode exportRecord(RowRef row) {
        TableSchema ts = row.data().schema();
        ObjectNode n = Json.mapper().createObjectNode();
        EntityImage img = ImageValues.image(row);
        if (ts.kind() == TableKind.EDGE) {
            n.put("edge", ts.typeName());
            n.put("from", ((StringColumn) row.data().column(1)).getString(row.row()));
            n.put("to", ((StringColumn) row.data().column(2)).getString(row.row()));
        } else {
            n.put("type", ts.typeName());
        }
        ObjectNode data = n.putObject("data");
        data.put("id", row.id());
        img.properties().forEach((k, v) -> {
            if (!v.isNull()) {
                data.set(k, v);
            }
        });
        return n;
    }
}
