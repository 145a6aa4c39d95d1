package io.omnigraph.cli.server;

import io.omnigraph.cluster.graph.GraphObservation;
import io.omnigraph.cluster.graph.GraphPlane;
import io.omnigraph.cluster.graph.GraphPlaneException;
import io.omnigraph.cluster.graph.GraphRoot;
import io.omnigraph.cluster.graph.SchemaPreview;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.RootState;
import io.omnigraph.engine.error.EngineException;

import java.util.Optional;

/** The real engine behind the control plane (test scope until the cluster module's engine plane is on main). */
public final class TestEnginePlane implements GraphPlane {
    @Override
    public void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException {
        try {
            OmniGraph.init(root.store(), schemaSource, InitOptions.defaults().withForce(true)).close();
        } catch (EngineException e) {
            throw new GraphPlaneException(e.getMessage(), false, e);
        }
    }

    @Override
    public GraphObservation observe(GraphRoot root) {
        return switch (OmniGraph.probe(root.store())) {
            case RootState.Empty e -> GraphObservation.absent();
            case RootState.Broken b -> GraphObservation.broken(b.reason());
            case RootState.Present pr -> GraphObservation.open(pr.info().graphManifestVersion(),
                    pr.info().schemaSource(), pr.info().schemaSourceDigest());
        };
    }

    @Override
    public SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource) {
        try (Graph g = OmniGraph.open(root.store(), OpenOptions.defaults())) {
            var r = g.planSchema(Optional.empty(), desiredSource, false);
            return r.refusal().<SchemaPreview>map(SchemaPreview.Rejected::new)
                    .orElseGet(() -> new SchemaPreview.Ready(r.plan(), r.graphManifestVersion()));
        }
    }

    @Override
    public long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException {
        try (Graph g = OmniGraph.open(root.store(), OpenOptions.defaults())) {
            return g.applySchema(Optional.empty(), desiredSource, false).graphManifestVersion();
        } catch (EngineException e) {
            throw new GraphPlaneException(e.getMessage(), false, e);
        }
    }
}
