package io.omnigraph.cli.cluster;

import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.cluster.ops.ClusterControlPlane;
import io.omnigraph.cluster.ops.ClusterEnvironment;
import io.omnigraph.cluster.ops.ClusterResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code omnigraph cluster …}: the declarative control plane (docs/cluster.md, docs/cluster-reference.md). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Declare a deployment in cluster.yaml and converge it: validate, import, plan, apply, status, refresh,"
                + " approve, force-unlock.",
        subcommands = {ClusterCommand.Validate.class, ClusterCommand.Import.class, ClusterCommand.Plan.class,
                ClusterCommand.Apply.class, ClusterCommand.Status.class, ClusterCommand.Refresh.class,
                ClusterCommand.Approve.class, ClusterCommand.ForceUnlock.class},
        footer = {"", "Exit codes: 0 ok, 1 error (ok:false), 2 usage; plan --detailed-exitcode: 0 converged, 2 changes pending, 1 error."})
public final class ClusterCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ClusterCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return ExitCodes.OK;
    }

    /** Options shared by every cluster subcommand. */
    abstract static class Base implements Callable<Integer> {
        final CliContext context;

        @Option(names = "--config", paramLabel = "DIR", defaultValue = ".",
                description = "The cluster config directory holding cluster.yaml (default: .).")
        Path config;

        @Option(names = "--json", description = "Print the JSON document instead of text.")
        boolean json;

        @Option(names = "--lock-lease", paramLabel = "SECONDS",
                description = "Lease of the state lock (default: $OMNIGRAPH_CLUSTER_LOCK_LEASE_SECONDS or 60). The holder"
                        + " renews it while running; a crashed holder's lock expires after it.")
        Long leaseSeconds;

        Base(CliContext context) {
            this.context = context;
        }

        ClusterControlPlane controlPlane() {
            Duration lease = Duration.ofSeconds(60);
            String env = context.env().get("OMNIGRAPH_CLUSTER_LOCK_LEASE_SECONDS");
            if (leaseSeconds != null) {
                lease = Duration.ofSeconds(leaseSeconds);
            } else if (env != null && !env.isBlank()) {
                try {
                    lease = Duration.ofSeconds(Long.parseLong(env.trim()));
                } catch (NumberFormatException e) {
                    throw new CliException("usage", "OMNIGRAPH_CLUSTER_LOCK_LEASE_SECONDS must be a whole number of seconds, got `" + env + "`",
                            ExitCodes.USAGE);
                }
            }
            if (lease.isNegative() || lease.isZero()) {
                throw new CliException("usage", "--lock-lease must be at least 1 second", ExitCodes.USAGE);
            }
            return new ClusterControlPlane(ClusterEnvironment.standard(new io.omnigraph.cluster.graph.EngineGraphPlane()).withLease(lease));
        }

        int emit(ClusterResult r) {
            if (json) {
                context.printJson(r.json());
            } else {
                ClusterRender.render(r.command(), r.json(), context.colour()).forEach(context.out()::println);
            }
            return r.ok() ? ExitCodes.OK : ExitCodes.ERROR;
        }

        OperatorConfig operatorConfig() {
            OperatorConfig oc = OperatorConfig.load(context.env());
            oc.warnings().forEach(w -> context.err().println("warning: " + w));
            return oc;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Parse and type-check cluster.yaml and every source it references.")
    public static final class Validate extends Base {
        public Validate(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            return emit(controlPlane().validate(config));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Create the state ledger from the config plus a read-only observation of the live graphs (also rebuilds a lost or corrupt ledger).")
    public static final class Import extends Base {
        public Import(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            return emit(controlPlane().importState(config));
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Preview every change apply would make, with dispositions and real migration steps.")
    public static final class Plan extends Base {
        @Option(names = "--detailed-exitcode", description = "Exit 0 when converged, 2 when changes are pending, 1 on error.")
        boolean detailed;

        public Plan(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            ClusterResult r = controlPlane().plan(config);
            int code = emit(r);
            if (detailed && r.ok() && !r.json().path("changes").isEmpty()) {
                return ExitCodes.PLAN_CHANGES_PENDING;
            }
            return code;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Converge: create graphs, migrate schemas, publish queries and policies, run approved deletes.")
    public static final class Apply extends Base {
        @Option(names = "--as", paramLabel = "ACTOR", description = "Actor recorded in sidecars, audit entries and engine commits (default: operator.actor).")
        String as;

        public Apply(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            Optional<String> actor = Optional.ofNullable(as).filter(a -> !a.isBlank()).or(() -> operatorConfig().actor());
            ClusterResult r;
            try (io.omnigraph.cli.support.Activity a = io.omnigraph.cli.support.Activity.start(context,
                    json || context.flags().quiet(), "cluster apply")) {
                r = controlPlane().apply(config, actor);
            }
            return emit(r);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the ledger, the lock and catalog integrity (read-only, never locks).")
    public static final class Status extends Base {
        public Status(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            return emit(controlPlane().status(config));
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true, description = "Re-observe the live graphs and catalog; record drift in the ledger.")
    public static final class Refresh extends Base {
        public Refresh(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            return emit(controlPlane().refresh(config));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Record a digest-bound approval for a gated (destructive) change.")
    public static final class Approve extends Base {
        @Parameters(index = "0", paramLabel = "ADDRESS", description = "The gated resource, e.g. graph.scratch.")
        String address;

        @Option(names = "--as", paramLabel = "ACTOR", description = "The approver (default: operator.actor); one of the two is required.")
        String as;

        public Approve(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            Optional<String> actor = Optional.ofNullable(as).filter(a -> !a.isBlank()).or(() -> operatorConfig().actor());
            if (actor.isEmpty()) {
                throw new CliException("approver_required", "`cluster approve` requires an approver: pass the global --as <ACTOR>"
                        + " flag or set `operator.actor` in ~/.omnigraph/config.yaml (" + OperatorConfig.location(context.env()) + ")");
            }
            return emit(controlPlane().approve(config, address, actor.get()));
        }
    }

    @Command(name = "force-unlock", mixinStandardHelpOptions = true, description = "Remove a held state lock by its exact id (from `cluster status`).")
    public static final class ForceUnlock extends Base {
        @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The exact lock id.")
        String lockId;

        public ForceUnlock(CliContext c) {
            super(c);
        }

        @Override
        public Integer call() {
            return emit(controlPlane().forceUnlock(config, lockId));
        }
    }
}
