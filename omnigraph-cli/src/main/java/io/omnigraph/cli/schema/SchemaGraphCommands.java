package io.omnigraph.cli.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.data.Engines;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.SchemaPlanResult;
import io.omnigraph.engine.error.EngineException;

import java.nio.file.Path;
import java.util.Optional;

/** The graph-addressed half of {@code schema plan}. */
final class SchemaGraphCommands {
    private SchemaGraphCommands() {
    }

    static int plan(CliContext context, String uri, Path desired, boolean allowDataLoss, boolean json) {
        String source = CompilerOutput.read(desired, "schema_file_missing", "--schema");
        SchemaPlanResult r;
        try (Graph g = Engines.open(uri)) {
            r = g.planSchema(Optional.empty(), source, allowDataLoss);
        } catch (EngineException.Compile e) {
            throw Engines.compileFailure(context, e, json);
        } catch (EngineException e) {
            throw Engines.translate(e);
        }
        if (json) {
            ObjectNode o = r.plan().toJson();
            o.put("graph_manifest_version", r.graphManifestVersion());
            o.put("applicable", r.applicable());
            r.refusal().ifPresent(x -> o.put("refusal", x));
            context.printJson(o);
            return 0;
        }
        context.out().println("schema plan " + uri + " -> " + desired + (r.plan().supported() ? "" : "  (UNSUPPORTED)"));
        if (r.plan().isEmpty()) {
            context.out().println("  no changes");
        }
        r.plan().render().forEach(line -> context.out().println("  " + line));
        r.refusal().ifPresent(x -> context.out().println("apply would be refused: " + x));
        return 0;
    }
}
