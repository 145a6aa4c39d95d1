package io.omnigraph.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.Params;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ir.QueryPlan;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;

import java.util.Map;
import java.util.Optional;

/** Compiling the read query a request names, and converting its parameters, with the engine's error codes. */
public final class ReadQueries {
    private ReadQueries() {
    }

    /**
     * Parses {@code source}, picks the query ({@code name}, or the only one), typechecks it against {@code catalog}.
     *
     * @throws EngineException.Compile  {@code query_error}: the source does not parse or the query does not typecheck
     *                                  (compiler diagnostics attached)
     * @throws EngineException.Invalid  {@code unknown_query} (the message lists the available names) or
     *                                  {@code invalid_input} (no name with several queries, or a mutation)
     */
    public static ReadQuery compile(String source, String fileName, Optional<String> name, Catalog catalog) {
        QueryFile file;
        try {
            file = QueryCompiler.parse(source, fileName);
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.QUERY_ERROR, e);
        }
        String chosen;
        if (name.isPresent()) {
            chosen = name.get();
            if (file.query(chosen).isEmpty()) {
                throw new EngineException.Invalid(EngineErrorCode.UNKNOWN_QUERY, chosen, "query '" + chosen + "' not found in "
                        + fileName + (file.names().isEmpty() ? " (it declares no queries)"
                        : "; available: " + String.join(", ", file.names())));
            }
        } else if (file.queries().size() == 1) {
            chosen = file.queries().get(0).name();
        } else {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, fileName, file.queries().isEmpty()
                    ? fileName + " declares no query"
                    : fileName + " declares " + file.queries().size() + " queries (" + String.join(", ", file.names())
                    + "); name the one to run");
        }
        QueryPlan plan;
        try {
            plan = QueryCompiler.typecheck(file, chosen, catalog);
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.QUERY_ERROR, e);
        }
        if (!(plan instanceof ReadQuery read)) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, chosen, "query '" + chosen
                    + "' is a mutation; run it with `omnigraph mutate` (or POST /change), not as a read");
        }
        return read;
    }

    /**
     * Converts JSON parameters by the query's declared types (languages.md §2.3).
     *
     * @throws EngineException.Invalid {@code invalid_input} naming the parameter ({@code param 'x': expected I32, got "a"},
     *                                 {@code parameter 'x' not provided})
     */
    public static Map<String, Value> params(ReadQuery query, Optional<JsonNode> params) {
        try {
            return Params.convert(query.params(), params.orElse(null));
        } catch (ValueException e) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_INPUT, "params", e.getMessage());
        }
    }
}
