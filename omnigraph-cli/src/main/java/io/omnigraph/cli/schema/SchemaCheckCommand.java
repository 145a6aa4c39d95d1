package io.omnigraph.cli.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.schema.ir.SchemaIRJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code omnigraph schema check FILE.pg [--json]}: parse and validate a schema offline. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and validate a .pg schema without touching any graph.",
                "Prints the types it declares and its digests; exits 1 with file:line:col diagnostics on errors."})
public final class SchemaCheckCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE.pg", description = "The schema file.")
    Path file;

    @Option(names = "--json", description = "Print JSON (includes the schema IR).")
    boolean json;

    public SchemaCheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String source = CompilerOutput.read(file, "schema_file_missing", "schema");
        CompiledSchema schema;
        try {
            schema = SchemaCompiler.compile(source, file.toString());
        } catch (CompileException e) {
            throw CompilerOutput.failure(context, e, "schema", json);
        }
        Catalog c = schema.catalog();
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("ok", true);
            o.put("file", file.toString());
            o.put("schema_digest", schema.schemaDigest());
            o.put("source_digest", schema.sourceDigest());
            ArrayNode nodes = o.putArray("node_types");
            c.nodeTypes().forEach(n -> nodes.add(n.name()));
            ArrayNode edges = o.putArray("edge_types");
            c.edgeTypes().forEach(e -> edges.add(e.name()));
            ArrayNode interfaces = o.putArray("interfaces");
            c.interfaces().forEach(i -> interfaces.add(i.name()));
            o.set("ir", SchemaIRJson.toTree(schema.ir()));
            context.printJson(o);
            return 0;
        }
        context.out().println("ok: " + file + " — " + plural(c.nodeTypes().size(), "node type") + ", "
                + plural(c.edgeTypes().size(), "edge type") + ", " + plural(c.interfaces().size(), "interface"));
        for (NodeType n : c.nodeTypes()) {
            context.out().println("  node " + n.name() + " (" + plural(n.properties().size(), "property", "properties")
                    + (n.isKeyed() ? ", @key(" + String.join(", ", n.keyProperties().stream().map(p -> p.name()).toList()) + ")" : "")
                    + ")");
        }
        for (EdgeType e : c.edgeTypes()) {
            context.out().println("  edge " + e.name() + ": " + e.from() + " -> " + e.to()
                    + (e.cardinality().isDefault() ? "" : " @card(" + e.cardinality().display() + ")"));
        }
        context.out().println("schema digest sha256:" + schema.schemaDigest());
        return 0;
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
