package io.omnigraph.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.diff.BaselineResult;
import io.omnigraph.engine.diff.ChangeFilter;
import io.omnigraph.engine.diff.ChangeHistory;
import io.omnigraph.engine.diff.CommitChangesPage;
import io.omnigraph.engine.diff.EntityChange;
import io.omnigraph.engine.diff.FeedPage;
import io.omnigraph.engine.diff.FeedRequest;
import io.omnigraph.engine.diff.PageSpec;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Commit;
import io.omnigraph.engine.merge.IntegrityMergeValidator;
import io.omnigraph.engine.merge.MergeRequest;
import io.omnigraph.engine.merge.MergeResult;
import io.omnigraph.engine.merge.Merger;
import io.omnigraph.engine.merge.UnmergedCommits;
import io.omnigraph.engine.snapshot.ReadTarget;
import io.omnigraph.policy.Action;
import io.omnigraph.policy.Actor;
import io.omnigraph.policy.gate.GateScope;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Versioning operations of one {@link Graph} handle (engine.md §2.3, §3.2–§3.4), each asking the handle's policy gate
 * first:
 * <ul>
 *   <li>{@link #merge}: {@code branch_merge} with branch = source, target = target; the optional source deletion
 *       runs under its own {@code branch_delete} check;</li>
 *   <li>{@link #commitChanges}, {@link #diff}, {@link #poll}, {@link #baseline}, {@link #unmergedCommits}:
 *       {@code read} on the branch read (a commit is gated on the branch that authored it).</li>
 * </ul>
 * A denial is {@link EngineException.PolicyDenied}. Merges validate the merged result with the shared integrity
 * evaluator before publishing.
 */
public final class GraphHistory {
    /** Commit visits after which {@link #unmergedCommits} gives up. */
    public static final int UNMERGED_WALK_LIMIT = 10_000;

    private final Graph graph;
    private final ChangeHistory changes;

    GraphHistory(Graph graph, ChangeHistory changes) {
        this.graph = graph;
        this.changes = changes;
    }

    /**
     * Merges a branch into another (all or nothing).
     *
     * @throws EngineException.MergeConflicts row conflicts or integrity violations; nothing was published
     * @throws EngineException.PolicyDenied  the gate refused {@code branch_merge}
     */
    public BranchMergeResult merge(Optional<Actor> actor, BranchMergeRequest request) {
        BranchNames.check(request.source());
        BranchNames.check(request.target());
        graph.enforce(actor, Action.BRANCH_MERGE, GateScope.fromTo(request.source(), request.target()));
        Merger merger = new Merger(graph.store(), new IntegrityMergeValidator(r -> graph.schemaOf(r.target())));
        MergeResult r = merger.merge(new MergeRequest(request.source(), request.target(), actor.map(Actor::id),
                request.message()));
        if (!request.deleteBranch()) {
            return new BranchMergeResult(r, Optional.empty(), Optional.empty());
        }
        try {
            graph.deleteBranch(actor, request.source());
            return new BranchMergeResult(r, Optional.of(true), Optional.empty());
        } catch (EngineException e) {
            return new BranchMergeResult(r, Optional.of(false), Optional.of(e.getMessage()));
        }
    }

    /** One page of a commit's entity changes against its first parent. Gate: {@code read} on the authoring branch. */
    public CommitChangesPage commitChanges(Optional<Actor> actor, String commitId, ChangeFilter filter, PageSpec page,
                                           Optional<String> pageToken) {
        Commit c = graph.store().commit(commitId);
        graph.enforce(actor, Action.READ, GateScope.onBranch(c.branch()));
        return changes.commitChanges(commitId, filter, page, pageToken);
    }

    /** The net entity changes between two read targets. Gate: {@code read} on both. */
    public List<EntityChange> diff(Optional<Actor> actor, ReadTarget from, ReadTarget to, ChangeFilter filter) {
        gateRead(actor, from);
        gateRead(actor, to);
        return changes.diff(from, to, filter);
    }

    /** One change-feed poll of a branch. Gate: {@code read} on the branch. */
    public FeedPage poll(Optional<Actor> actor, FeedRequest request) {
        BranchNames.check(request.branch());
        graph.enforce(actor, Action.READ, GateScope.onBranch(request.branch()));
        return changes.poll(request);
    }

    /**
     * The baseline handshake: streams the snapshot records of a branch head to {@code records}, then returns the
     * resume cursor (write the final {@code {"baseline":…}} record only after every snapshot record is stored).
     * Gate: {@code read} on the branch.
     */
    public BaselineResult baseline(Optional<Actor> actor, String branch, ChangeFilter filter, Consumer<ObjectNode> records) {
        BranchNames.check(branch);
        graph.enforce(actor, Action.READ, GateScope.onBranch(branch));
        return changes.baseline(branch, filter, records);
    }

    /**
     * How many commits only {@code branch} reaches (for the warning before deleting it); empty when the walk gave up.
     * Gate: {@code read} on the branch.
     */
    public Optional<Integer> unmergedCommits(Optional<Actor> actor, String branch) {
        BranchNames.check(branch);
        graph.enforce(actor, Action.READ, GateScope.onBranch(branch));
        return UnmergedCommits.count(graph.store(), branch, UNMERGED_WALK_LIMIT);
    }

    private void gateRead(Optional<Actor> actor, ReadTarget t) {
        String branch = switch (t) {
            case ReadTarget.Branch b -> b.name();
            case ReadTarget.CommitId c -> graph.store().commit(c.id()).branch();
        };
        graph.enforce(actor, Action.READ, GateScope.onBranch(branch));
    }
}
