package io.omnigraph.compiler.lint;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ast.QueryAst.QueryDecl;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.schema.ir.SchemaIR;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lints a {@code .gq} file against a schema (spec §2.9):
 * <ul>
 *   <li>{@code Q000} (error finding) — the file does not parse; nothing else is checked;</li>
 *   <li>per query: the type error if any (counts as an error), and uncoded warnings — a mutation without parameters
 *       ({@value #NO_PARAMS}), order items after a ranking function (they are ignored);</li>
 *   <li>{@code L201} (warning finding) — a nullable, non-key, non-{@code @embed}-target property of a node type that
 *       some update in the file targets but no update assigns.</li>
 * </ul>
 * Findings are sorted by severity, type, property, message.
 */
public final class QueryLint {
    public static final String NO_PARAMS = "mutation declares no params; hardcoded mutations are easy to miss";
    public static final String IGNORED_ORDER = "order items after nearest()/bm25()/rrf() are ignored: the ranking defines the order";

    private QueryLint() {
    }

    public static LintReport lint(Catalog catalog, SchemaSource schemaSource, String queryPath, String queryText) {
        QueryFile file;
        try {
            file = QueryCompiler.parse(queryText, queryPath);
        } catch (CompileException e) {
            List<LintReport.Finding> findings = List.of(new LintReport.Finding("error", "Q000", e.first().message(),
                    Optional.empty(), Optional.empty(), List.of(), Optional.of(e.first())));
            return new LintReport(schemaSource, queryPath, 0, List.of(), findings);
        }
        List<LintReport.Result> results = new ArrayList<>();
        for (QueryDecl q : file.queries()) {
            List<String> warnings = new ArrayList<>();
            if (q.isMutation() && q.params().isEmpty()) {
                warnings.add(NO_PARAMS);
            }
            if (q.body() instanceof QueryAst.ReadBody rb && rb.order().size() > 1 && isRanking(rb.order().get(0).expr())) {
                warnings.add(IGNORED_ORDER);
            }
            String kind = q.isMutation() ? "mutation" : "read";
            try {
                QueryPlan plan = QueryCompiler.typecheck(file, q, catalog);
                results.add(new LintReport.Result(q.name(), kind, warnings, Optional.empty(), Optional.of(plan.operation())));
            } catch (CompileException e) {
                results.add(new LintReport.Result(q.name(), kind, warnings, Optional.of(e.first()), Optional.empty()));
            }
        }
        List<LintReport.Finding> findings = unsetProperties(catalog, file);
        findings.sort(Comparator.comparing((LintReport.Finding f) -> severityRank(f.severity()))
                .thenComparing(f -> f.typeName().orElse(""), SchemaIR::compareBytes)
                .thenComparing(f -> f.property().orElse(""), SchemaIR::compareBytes)
                .thenComparing(LintReport.Finding::message));
        return new LintReport(schemaSource, queryPath, file.queries().size(), results, findings);
    }

    private static boolean isRanking(QueryAst.Expr e) {
        return e instanceof QueryAst.Nearest || e instanceof QueryAst.Rrf
                || (e instanceof QueryAst.TextCall c && c.fn() == QueryAst.TextFn.BM25);
    }

    /** L201. */
    private static List<LintReport.Finding> unsetProperties(Catalog catalog, QueryFile file) {
        Map<String, Set<String>> updatedBy = new TreeMap<>();
        Map<String, Set<String>> assigned = new TreeMap<>();
        for (QueryDecl q : file.queries()) {
            if (q.body() instanceof QueryAst.MutationBody mb) {
                for (QueryAst.Mutation m : mb.statements()) {
                    if (m instanceof QueryAst.Update u && catalog.nodeType(u.typeName()).isPresent()) {
                        updatedBy.computeIfAbsent(u.typeName(), k -> new TreeSet<>()).add(q.name());
                        Set<String> props = assigned.computeIfAbsent(u.typeName(), k -> new TreeSet<>());
                        u.assignments().forEach(a -> props.add(a.property()));
                    }
                }
            }
        }
        List<LintReport.Finding> out = new ArrayList<>();
        updatedBy.forEach((typeName, queries) -> {
            NodeType t = catalog.nodeType(typeName).orElseThrow();
            Set<String> embedTargets = new TreeSet<>();
            t.embeddedProperties().forEach(p -> embedTargets.add(p.name()));
            for (PropertyDef p : t.properties()) {
                if (p.type().nullable() && !t.isKeyMember(p.name()) && !embedTargets.contains(p.name())
                        && !assigned.get(typeName).contains(p.name())) {
                    out.add(new LintReport.Finding("warning", "L201", typeName + "." + p.name()
                            + " exists in schema but no update query sets it", Optional.of(typeName), Optional.of(p.name()),
                            List.copyOf(queries), Optional.empty()));
                }
            }
        });
        return out;
    }

    private static int severityRank(String s) {
        return switch (s) {
            case "error" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }
}
