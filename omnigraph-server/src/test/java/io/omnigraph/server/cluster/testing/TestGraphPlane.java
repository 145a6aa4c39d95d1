package io.omnigraph.server.cluster.testing;

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
import io.omnigraph.engine.api.SchemaPlanResult;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.StoreException;

import java.util.Optional;

/**
 * The real engine behind the control plane's {@link GraphPlane} port, so tests apply clusters whose graphs the server
 * then opens. (A test-scope adapter until the cluster module's own engine plane is on main.)
 */
public final class TestGraphPlane implements GraphPlane {
    @Override
    public void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException {
        try {
            OmniGraph.init(root.store(), schemaSource, InitOptions.defaults().withForce(true)
                    .withActor(actor.map(Actor::of))).close();
        } catch (EngineException | StoreException e) {
            throw new GraphPlaneException("init failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public GraphObservation observe(GraphRoot root) {
        return switch (OmniGraph.probe(root.store())) {
            case RootState.Empty e -> GraphObservation.absent();
            case RootState.Broken b -> GraphObservation.broken(b.reason());
            case RootState.Present p -> GraphObservation.open(p.info().graphManifestVersion(), p.info().schemaSource(),
                    p.info().schemaSourceDigest());
        };
    }

    @Override
    public SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource) {
        try (Graph g = OmniGraph.open(root.store(), OpenOptions.defaults())) {
            SchemaPlanResult r = g.planSchema(Optional.empty(), desiredSource, false);
            return r.refusal().<SchemaPreview>map(SchemaPreview.Rejected::new)
                    .orElseGet(() -> new SchemaPreview.Ready(r.plan(), r.graphManifestVersion()));
        } catch (EngineException | StoreException e) {
            return new SchemaPreview.Rejected(e.getMessage());
        }
    }

    @Override
    public long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException {
        try (Graph g = OmniGraph.open(root.store(), OpenOptions.defaults())) {
            return g.applySchema(actor.map(Actor::of), desiredSource, false).graphManifestVersion();
        } catch (EngineException | StoreException e) {
            throw new GraphPlaneException("schema apply failed: " + e.getMessage(), false, e);
        }
    }
}
