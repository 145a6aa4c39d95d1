package io.omnigraph.cli.support;

/**
 * Exit codes of {@code omnigraph} (documented in docs/cli.md).
 * <ul>
 *   <li>0 — success (cluster commands: {@code ok: true}; a partially applied cluster apply with only warnings)</li>
 *   <li>1 — any error, including cluster/policy/queries results with {@code ok: false}</li>
 *   <li>2 — bad command line (unknown command or flag, missing argument); also {@code cluster plan
 *       --detailed-exitcode} when changes are pending</li>
 *   <li>4 — a conditional write lost its compare-and-swap ({@code mutate --if-commit})</li>
 * </ul>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int PLAN_CHANGES_PENDING = 2;
    public static final int PRECONDITION_FAILED = 4;

    private ExitCodes() {
    }
}
