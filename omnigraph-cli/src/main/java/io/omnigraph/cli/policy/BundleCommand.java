package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.policy.PolicyDiagnostic;
import io.omnigraph.policy.PolicyEvaluationException;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.BundleKind;
import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;
import io.omnigraph.policy.gate.AuthMode;
import io.omnigraph.policy.gate.PolicyGate;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Shared options and bundle resolution of {@code policy validate|test|explain}. The bundle comes from a
 * {@link BundleSource}; add the cluster source ({@code --cluster}) in {@link #source()}.
 */
abstract class BundleCommand implements Callable<Integer> {
    protected final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The policy bundle file (*.policy.yaml); or use --cluster.")
    Path file;

    @Option(names = "--cluster", paramLabel = "DIR|URI|NAME",
            description = "Take the bundle from a cluster's applied state (config dir, storage URI or clusters: name).")
    String cluster;

    @Option(names = "--graph", paramLabel = "G",
            description = "Graph id the bundle is compiled for (default: 'default').")
    String graph;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    BundleCommand(CliContext context) {
        this.context = context;
    }

    /** The bundle source selected by the flags. */
    BundleSource source() {
        if (cluster != null && file != null) {
            throw new CliException("usage", "pass either a bundle FILE or --cluster, not both", io.omnigraph.cli.support.ExitCodes.USAGE);
        }
        if (cluster != null) {
            return new ClusterBundleSource(cluster, io.omnigraph.cli.config.OperatorConfig.load(context.env()).clusters());
        }
        if (file == null) {
            throw new CliException("usage", "`policy` needs a cluster (--cluster <dir|uri|name>) or a bundle FILE",
                    io.omnigraph.cli.support.ExitCodes.USAGE);
        }
        return new FileBundleSource(file);
    }

    /** A selected bundle compiled into a gate. */
    record Target(SelectedBundle selected, Optional<PolicyEngine> engine, BundleKind kind, PolicyGate gate) {
    }

    Target target() {
        SelectedBundle selected = source().select(Optional.ofNullable(graph));
        if (selected.bundle().isEmpty()) {
            return new Target(selected, Optional.empty(), BundleKind.GRAPH,
                    PolicyGate.forGraph(selected.graphId(), Optional.empty(), AuthMode.POLICY_ENABLED));
        }
        PolicyBundle bundle = selected.bundle().get();
        BundleKind kind = bundle.inferKind();
        try {
            PolicyEngine engine = kind == BundleKind.SERVER ? PolicyEngine.forServer(bundle)
                    : PolicyEngine.forGraph(bundle, selected.graphId());
            return new Target(selected, Optional.of(engine), kind, PolicyGate.cedar(engine));
        } catch (PolicyValidationException e) {
            throw new InvalidBundleException("policy bundle '" + selected.origin() + "'", e);
        } catch (PolicyEvaluationException e) {
            throw new CliException("policy_engine_failed", e.getMessage());
        }
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (InvalidBundleException e) {
            if (!json) {
                throw e;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", false);
            out.put("error", e.code());
            out.put("diagnostics", diagnostics(e.diagnostics()));
            context.printJson(out);
            return e.exitCode();
        }
    }

    abstract int run();

    static List<Map<String, Object>> diagnostics(List<PolicyDiagnostic> ds) {
        return ds.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", d.code().code());
            m.put("file", d.file());
            d.ruleId().ifPresent(r -> m.put("rule", r));
            m.put("path", d.path());
            d.line().ifPresent(l -> m.put("line", l));
            m.put("message", d.message());
            return m;
        }).toList();
    }
}
