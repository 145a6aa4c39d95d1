package io.omnigraph.server.mcp;

import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.port.GraphService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which tools {@code tools/list} shows a caller on one graph: a tool is listed when the policy gate would allow
 * its action on at least one branch the call could name. Branch-scoped rules ({@code protected} / {@code unprotected})
 * are probed with no branch, {@code main}, a fresh branch name that no bundle lists as protected, and the graph's
 * existing branches (capped). One instance per graph per request: the branch list is read once, and the Cedar
 * adapter memoizes decisions, so listing is cheap.
 */
final class Visibility {
    /** A branch name that stands for "some new, unprotected branch". */
    static final String FRESH_BRANCH = "mcp-visibility-probe";
    /** At most this many existing branches are probed. */
    static final int MAX_PROBED_BRANCHES = 32;

    private final McpCaller caller;
    private final GraphService graph;
    private List<String> branches;

    Visibility(McpCaller caller, GraphService graph) {
        this.caller = caller;
        this.graph = graph;
    }

    McpCaller caller() {
        return caller;
    }

    GraphService graph() {
        return graph;
    }

    /** Branch candidates: main, a fresh name and existing branches (capped); read once. */
    List<String> branches() {
        if (branches == null) {
            Set<String> out = new LinkedHashSet<>();
            out.add("main");
            out.add(FRESH_BRANCH);
            try {
                graph.branches().stream().sorted().limit(MAX_PROBED_BRANCHES).forEach(out::add);
            } catch (RuntimeException e) {
                // listing is best effort; the gate decides at call time anyway
            }
            branches = new ArrayList<>(out);
        }
        return branches;
    }

    boolean allowed(AccessRequest request) {
        return caller.allowed(graph, request);
    }

    /** {@code action} (read, export, change) allowed on no branch or on some candidate branch. */
    boolean onSomeBranch(Action action) {
        if (allowed(AccessRequest.of(action))) {
            return true;
        }
        return branches().stream().anyMatch(b -> allowed(AccessRequest.onBranch(action, b)));
    }

    /** {@code action} targeting some candidate branch (branch_delete, schema_apply). */
    boolean targetingSome(Action action) {
        return branches().stream().anyMatch(b -> allowed(AccessRequest.targeting(action, b)));
    }

    /** {@code action} from some candidate branch onto another (branch_create, branch_merge). */
    boolean betweenSome(Action action) {
        List<String> bs = branches();
        for (String from : bs) {
            for (String to : bs) {
                if (!from.equals(to) && allowed(AccessRequest.between(action, from, to))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stored query {@code name} may be invoked ({@code invoke_query} for that name, then its inner action). */
    boolean storedQuery(String name, boolean mutation) {
        return allowed(AccessRequest.invoke(name)) && onSomeBranch(mutation ? Action.CHANGE : Action.READ);
    }
}
