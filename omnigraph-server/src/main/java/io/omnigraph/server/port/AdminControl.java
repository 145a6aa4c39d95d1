package io.omnigraph.server.port;

import io.omnigraph.server.api.ReloadOutput;
import io.omnigraph.server.api.ServingStatusOutput;

/**
 * Operator controls of a backend that can reload the applied cluster revision while serving ({@code POST
 * /admin/reload}, {@code GET /admin/status}). The HTTP layer authorizes the caller; implementations only act.
 *
 * <p>Contract: {@link #reload} never throws for a revision that cannot be served — the failure is in the returned
 * outcome and the previously served revision keeps serving. Reloads are serialized (a concurrent call waits for the
 * running one and then does its own check). Both methods are thread-safe.
 */
public interface AdminControl {
    /** Checks the ledger now and, when a newer revision is applied, boots it beside the current one and swaps. */
    ReloadOutput reload(String trigger);

    /** What is served, what is quarantined, and how the last reload attempts went. */
    ServingStatusOutput status();
}
