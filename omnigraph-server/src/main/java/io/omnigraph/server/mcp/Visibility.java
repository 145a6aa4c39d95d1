package io.omnigraph.server.mcp;

import io.omnigraph.server.authz.AccessRequest;
import io.omnigraph.server.authz.Action;
import io.omnigraph.server.port.GraphService;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which tools {@code tools/list} shows a caller: a tool is listed when the policy gate would allow its action
 * on at least one branch the call could name. Branch-scoped rules ({@code protected} / {@code unprotected}) are probed
 * with the graph's existing branches (capped), {@code main}, no branch at all, and a fresh branch name that no bundle
 * lists as protected. Decisions are memoized by the Cedar adapter, so listing is cheap.
 */
final class Visibility {
    /** A branch name that stands for "some new, unprotected branch". */
    static final String FRESH_BRANCH = "mcp-visibility-probe";
    /** At most this many existing branches are probed. */
    static final int MAX_PROBED_BRANCHES = 32;

    private Visibility() {
    }

    /** Branch candidates for {@code graph}: main, a fresh name and existing branches (capped). */
    static List<String> branches(GraphService graph) {
        Set<String> out = new LinkedHashSet<>();
        out.add("main");
        out.add(FRESH_BRANCH);
        try {
            graph.branches().stream().sorted().limit(MAX_PROBED_BRANCHES).forEach(out::add);
        } catch (RuntimeException e) {
            // listing is best effort; the gate decides at call time anyway
        }
        return new ArrayList<>(out);
    }

    /** {@code action} (read, export, change) allowed on no branch or on some candidate branch. */
    static boolean onSomeBranch(McpCaller c, GraphService g, Action action) {
        if (c.allowed(g, AccessRequest.of(action))) {
            return true;
        }
        for (String b : branches(g)) {
            if (c.allowed(g, AccessRequest.onBranch(action, b))) {
                return true;
            }
        }
        return false;
    }

    /** {@code action} targeting some candidate branch (branch_delete, schema_apply). */
    static boolean targetingSome(McpCaller c, GraphService g, Action action) {
        for (String b : branches(g)) {
            if (c.allowed(g, AccessRequest.targeting(action, b))) {
                return true;
            }
        }
        return false;
    }

    /** {@code action} from some candidate branch onto another (branch_create, branch_merge). */
    static boolean betweenSome(McpCaller c, GraphService g, Action action) {
        List<String> bs = branches(g);
        for (String from : bs) {
            for (String to : bs) {
                if (!from.equals(to) && c.allowed(g, AccessRequest.between(action, from, to))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Stored query {@code name} may be invoked (invoke_query for that name, then its inner action). */
    static boolean storedQuery(McpCaller c, GraphService g, String name, boolean mutation) {
        if (!c.allowed(g, AccessRequest.invoke(name))) {
            return false;
        }
        return onSomeBranch(c, g, mutation ? Action.CHANGE : Action.READ);
    }
}
