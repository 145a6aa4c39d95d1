package io.omnigraph.cli.cluster;

import io.omnigraph.cluster.graph.GraphObservation;
import io.omnigraph.cluster.graph.GraphPlane;
import io.omnigraph.cluster.graph.GraphPlaneException;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.graph.SchemaPreview;
import io.omnigraph.cluster.graph.SimulatedGraphPlane;

import java.util.Map;
import java.util.Optional;

/**
 * Chooses the graph engine port for cluster commands. The engine adapter is not wired yet (the engine's schema
 * apply has not landed); until then graph-moving work reports {@code graph_engine_unavailable}, and
 * {@code OMNIGRAPH_GRAPH_PLANE=simulated} (or {@code -Domnigraph.graphPlane=simulated}) selects the
 * {@link SimulatedGraphPlane} — real storage, real compiler and migration planner, no rows.
 */
public final class GraphPlanes {
    private GraphPlanes() {
    }

    public static GraphPlane select(Map<String, String> env) {
        String choice = System.getProperty("omnigraph.graphPlane", env.getOrDefault("OMNIGRAPH_GRAPH_PLANE", ""));
        return "simulated".equalsIgnoreCase(choice.trim()) ? new SimulatedGraphPlane() : new Unavailable();
    }

    /** Every graph operation fails with a clear message; read-only commands still work. */
    static final class Unavailable implements GraphPlane {
        static final String WHY = "graph_engine_unavailable: this build has no graph engine adapter for cluster commands yet;"
                + " set OMNIGRAPH_GRAPH_PLANE=simulated to run the control plane against simulated graphs";

        @Override
        public void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException {
            throw new GraphPlaneException(WHY, false);
        }

        @Override
        public GraphObservation observe(GraphRoot root) {
            return exists(root) ? GraphObservation.broken(WHY) : GraphObservation.absent();
        }

        @Override
        public SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource) {
            return new SchemaPreview.Rejected(WHY);
        }

        @Override
        public long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException {
            throw new GraphPlaneException(WHY, false);
        }
    }
}
