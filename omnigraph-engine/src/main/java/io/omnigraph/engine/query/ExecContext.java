package io.omnigraph.engine.query;

import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.index.TopologyIndex;

import java.util.HashMap;
import java.util.Map;

/** Per-execution state: the graph, parameters, options, {@code now()} and topology lookups. Not thread-safe. */
final class ExecContext {
    final GraphSource graph;
    final Map<String, Value> params;
    final ExecOptions options;
    final long nowMillis;
    private final Map<String, TopologyIndex> topologies = new HashMap<>();

    ExecContext(GraphSource graph, Map<String, Value> params, ExecOptions options, long nowMillis) {
        this.graph = graph;
        this.params = params;
        this.options = options;
        this.nowMillis = nowMillis;
    }

    TopologyIndex topology(EdgeType edge) {
        return topologies.computeIfAbsent(edge.name(), k -> graph.topology(edge));
    }

    /** Emits one trace line (operator, rows, time since {@code startNanos}). */
    void trace(String what, long rows, long startNanos) {
        if (options.trace() == ExecOptions.NO_TRACE) {
            return;
        }
        options.trace().accept(String.format(java.util.Locale.ROOT, "%-60s %,12d rows %9.2f ms", what, rows,
                (System.nanoTime() - startNanos) / 1e6));
    }

    Conditions conditions(Layout layout) {
        return new Conditions(layout, graph, params, nowMillis, options.ranker(), options.indexMode());
    }

    /** Fails the query when an intermediate relation would exceed the row limit. */
    void checkRows(long rows) {
        if (rows > options.maxRows()) {
            throw new EngineException.ResourceLimit("query_rows", options.maxRows(), rows, "the query produces more than "
                    + options.maxRows() + " intermediate rows (" + rows + "); add filters or a more selective binding");
        }
    }
}
