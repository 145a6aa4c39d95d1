package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.error.ApiException;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Request and response header rules shared by several routes. */
final class Headers {
    static final String IF_GRAPH_COMMIT = "Omnigraph-If-Graph-Commit";

    private Headers() {
    }

    /** How a route treats {@code Omnigraph-If-Graph-Commit}. */
    enum Precondition {
        /** The header must be present exactly once ({@code …/if-graph-commit} routes). */
        REQUIRED,
        /** The header must be absent (plain write routes: use the {@code /if-graph-commit} variant). */
        FORBIDDEN
    }

    /**
     * Validates {@code Omnigraph-If-Graph-Commit}: exactly once, a single bare commit id — no {@code *}, quotes,
     * {@code W/}, commas or whitespace.
     *
     * @param conditionalPath the route to point to when the header is sent to a plain route
     * @return the commit id for {@link Precondition#REQUIRED}; empty for {@link Precondition#FORBIDDEN}
     */
    static Optional<String> ifGraphCommit(Context ctx, Precondition rule, String conditionalPath) {
        List<String> values = Collections.list(ctx.req().getHeaders(IF_GRAPH_COMMIT));
        if (rule == Precondition.FORBIDDEN) {
            if (!values.isEmpty()) {
                throw ApiException.badRequest("the " + IF_GRAPH_COMMIT + " header is not accepted on " + ctx.path()
                        + "; send conditional writes to " + conditionalPath);
            }
            return Optional.empty();
        }
        if (values.isEmpty()) {
            throw ApiException.badRequest("missing required header " + IF_GRAPH_COMMIT + ": <commit id> (the branch"
                    + " head you expect, e.g. graph_commit_id from a previous read)");
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("the " + IF_GRAPH_COMMIT + " header must appear exactly once, got "
                    + values.size());
        }
        String value = values.get(0).trim();
        if (value.isEmpty()) {
            throw ApiException.badRequest("the " + IF_GRAPH_COMMIT + " header is empty; give the expected commit id");
        }
        if (value.equals("*") || value.indexOf('"') >= 0 || value.startsWith("W/") || value.indexOf(',') >= 0
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw ApiException.badRequest("the " + IF_GRAPH_COMMIT + " header must be one bare commit id (no `*`,"
                    + " quotes, `W/`, lists or spaces), got `" + Bodies.clip(value) + "`");
        }
        return Optional.of(value);
    }

    /** Marks a deprecated route: {@code Deprecation: true} and {@code Link: <successor>; rel="successor-version"}. */
    static void deprecated(Context ctx, String successorPath) {
        ctx.header("Deprecation", "true");
        ctx.header("Link", "<" + successorPath + ">; rel=\"successor-version\"");
    }
}
