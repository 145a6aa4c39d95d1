package io.omnigraph.compiler.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.query.ir.OperationDescriptor;
import io.omnigraph.compiler.query.ir.ValueDescriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@code omnigraph lint} (spec §2.9). {@link #toJson()} is the {@code --json} shape; {@link #render()}
 * the human report. {@link #ok()} is false iff there is an error (exit non-zero).
 */
public record LintReport(SchemaSource schemaSource, String queryPath, int queriesProcessed, List<Result> results,
                         List<Finding> findings) {
    public LintReport {
        Objects.requireNonNull(schemaSource, "schemaSource");
        Objects.requireNonNull(queryPath, "queryPath");
        results = List.copyOf(results);
        findings = List.copyOf(findings);
    }

    /** Per-query outcome: warnings (uncoded), the type error if any, the operation descriptor when it typechecked. */
    public record Result(String name, String kind, List<String> warnings, Optional<Diagnostic> error,
                         Optional<OperationDescriptor> operation) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        public String status() {
            return error.isPresent() ? "error" : "ok";
        }
    }

    /** A file-level finding ({@code Q000} parse error, {@code L201} unset property). */
    public record Finding(String severity, String code, String message, Optional<String> typeName, Optional<String> property,
                          List<String> queryNames, Optional<Diagnostic> diagnostic) {
        public Finding {
            queryNames = List.copyOf(queryNames);
        }
    }

    public int errors() {
        return (int) (results.stream().filter(r -> r.error().isPresent()).count()
                + findings.stream().filter(f -> f.severity().equals("error")).count());
    }

    public int warnings() {
        return results.stream().mapToInt(r -> r.warnings().size()).sum()
                + (int) findings.stream().filter(f -> f.severity().equals("warning")).count();
    }

    public int infos() {
        return (int) findings.stream().filter(f -> f.severity().equals("info")).count();
    }

    public boolean ok() {
        return errors() == 0;
    }

    public String status() {
        return ok() ? "ok" : "error";
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("status", status());
        ObjectNode src = o.putObject("schema_source");
        src.put("kind", schemaSource.kind());
        src.put(schemaSource.kind().equals("file") ? "path" : "uri", schemaSource.location());
        o.put("query_path", queryPath);
        o.put("queries_processed", queriesProcessed);
        o.put("errors", errors());
        o.put("warnings", warnings());
        o.put("infos", infos());
        ArrayNode rs = o.putArray("results");
        for (Result r : results) {
            ObjectNode n = rs.addObject();
            n.put("name", r.name());
            n.put("kind", r.kind());
            n.put("status", r.status());
            if (!r.warnings().isEmpty()) {
                ArrayNode w = n.putArray("warnings");
                r.warnings().forEach(w::add);
            }
            r.error().ifPresent(d -> {
                n.put("error", d.message());
                n.put("error_code", d.code().code());
                d.location().ifPresent(l -> n.put("error_location", l.display()));
            });
            r.operation().ifPresent(op -> n.set("operation", operation(op)));
        }
        ArrayNode fs = o.putArray("findings");
        for (Finding fd : findings) {
            ObjectNode n = fs.addObject();
            n.put("severity", fd.severity());
            n.put("code", fd.code());
            n.put("message", fd.message());
            fd.typeName().ifPresent(t -> n.put("type_name", t));
            fd.property().ifPresent(p -> n.put("property", p));
            if (!fd.queryNames().isEmpty()) {
                ArrayNode q = n.putArray("query_names");
                fd.queryNames().forEach(q::add);
            }
            fd.diagnostic().flatMap(Diagnostic::location).ifPresent(l -> n.put("location", l.display()));
        }
        return o;
    }

    /** {@code {result:[…], reads:[…], writes:[…]}}. */
    public static ObjectNode operation(OperationDescriptor op) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        ArrayNode result = o.putArray("result");
        for (ValueDescriptor v : op.result()) {
            ObjectNode n = result.addObject();
            n.put("name", v.name());
            n.put("kind", v.kind().label());
            n.put("nullable", v.nullable());
            v.itemKind().ifPresent(k -> n.put("item_kind", k.label()));
            v.vectorDim().ifPresent(dim -> n.put("vector_dim", dim));
        }
        ArrayNode reads = o.putArray("reads");
        op.reads().forEach(t -> reads.addObject().put("kind", t.kind()).put("type_name", t.typeName()));
        ArrayNode writes = o.putArray("writes");
        op.writes().forEach(t -> writes.addObject().put("kind", t.kind()).put("type_name", t.typeName()));
        return o;
    }

    /** Human report. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("lint ").append(queryPath).append(" against ").append(schemaSource.location()).append(": ").append(status())
                .append(" (").append(queriesProcessed).append(queriesProcessed == 1 ? " query, " : " queries, ")
                .append(errors()).append(errors() == 1 ? " error, " : " errors, ")
                .append(warnings()).append(warnings() == 1 ? " warning)" : " warnings)").append('\n');
        for (Result r : results) {
            sb.append(String.format("  %-7s %s (%s)%n", r.status(), r.name(), r.kind()));
            r.warnings().forEach(w -> sb.append("          warning: ").append(w).append('\n'));
            r.error().ifPresent(d -> d.render().lines().forEach(l -> sb.append("          ").append(l).append('\n')));
        }
        for (Finding fd : findings) {
            if (fd.diagnostic().isPresent()) {
                sb.append(fd.severity()).append('[').append(fd.code()).append("]\n");
                fd.diagnostic().get().render().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
            } else {
                sb.append(fd.severity()).append('[').append(fd.code()).append("]: ").append(fd.message());
                if (!fd.queryNames().isEmpty()) {
                    sb.append(" (queries: ").append(String.join(", ", fd.queryNames())).append(')');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
