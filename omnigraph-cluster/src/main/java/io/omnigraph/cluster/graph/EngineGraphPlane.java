package io.omnigraph.cluster.graph;

import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.api.RootState;
import io.omnigraph.engine.api.SchemaApplyResult;
import io.omnigraph.engine.api.SchemaPlanResult;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.policy.Actor;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.StoreException;

import java.util.List;
import java.util.Optional;

/**
 * The control plane's port implemented by the real engine ({@link OmniGraph} / {@link Graph}) over the graph root's
 * store — a prefix view of the cluster's storage root, so S3 credentials and fault injection reach every engine call.
 *
 * <ul>
 *   <li>{@link #init}: {@code OmniGraph.init} with the actor on the genesis commit. It runs in "resume" mode
 *       ({@link InitOptions#force()}): leftovers of an init that died part-way (graph artefacts without a main
 *       branch) are replaced; a live graph or foreign objects are still refused.</li>
 *   <li>{@link #observe}: {@code OmniGraph.probe} — main's graph manifest version and the accepted {@code .pg}
 *       source with the SHA-256 of its bytes (the digest {@code cluster.yaml} uses).</li>
 *   <li>{@link #previewSchemaApply}: {@code Graph.planSchema} with soft drops. A plan with unsupported steps is
 *       returned {@link SchemaPreview.Ready Ready} so {@code cluster plan} can show them (apply refuses it with the
 *       planner's reason); non-main branches and schemas that do not compile are {@link SchemaPreview.Rejected}
 *       with the engine's message.</li>
 *   <li>{@link #applySchema}: {@code Graph.applySchema} (one commit, soft drops, the actor recorded on it).</li>
 *   <li>{@link #deleteRoot}: {@code OmniGraph.delete} ({@code graph.json} first, idempotent).</li>
 * </ul>
 * Only {@link EngineException} and {@link StoreException} are translated; anything else (including a simulated
 * process crash in tests) propagates untouched.
 */
public final class EngineGraphPlane implements GraphPlane {
    private final io.omnigraph.engine.commit.GraphStoreOptions storeOptions;

    /** The production plane: default engine tunables (system clock, secure entropy). */
    public EngineGraphPlane() {
        this(io.omnigraph.engine.commit.GraphStoreOptions.defaults());
    }

    /** A plane whose engine handles use {@code storeOptions} (a seeded clock and entropy in simulations). */
    public EngineGraphPlane(io.omnigraph.engine.commit.GraphStoreOptions storeOptions) {
        this.storeOptions = java.util.Objects.requireNonNull(storeOptions, "storeOptions");
    }

    @Override
    public void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException {
        init(root, schemaSource, actor, false);
    }

    @Override
    public void init(GraphRoot root, String schemaSource, Optional<String> actor, boolean replaceInterruptedInit)
            throws GraphPlaneException {
        InitOptions options = InitOptions.defaults().withStoreOptions(storeOptions).withForce(replaceInterruptedInit).withActor(actor.map(Actor::of));
        try {
            OmniGraph.init(root.store(), schemaSource, options).close();
        } catch (EngineException.Compile e) {
            throw new GraphPlaneException("schema does not compile: " + e.getMessage(), false, e);
        } catch (EngineException.Exists e) {
            throw new GraphPlaneException("a graph already exists at " + root.uri(), false, e);
        } catch (EngineException.Invalid e) {
            throw new GraphPlaneException("cannot create graph at " + root.uri() + ": [" + e.code().code() + "] "
                    + e.getMessage(), false, e);
        } catch (EngineException e) {
            throw new GraphPlaneException("creating the graph at " + root.uri() + " failed: [" + e.code().code() + "] "
                    + e.getMessage(), true, e);
        } catch (StoreException e) {
            throw new GraphPlaneException("creating the graph at " + root.uri() + " failed: " + e.getMessage(), true, e);
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
    public boolean isInterruptedInit(GraphRoot root) {
        try {
            List<ObjectInfo> all = root.store().list("");
            if (all.isEmpty() || all.stream().anyMatch(o -> o.key().equals(Layout.ref(BranchNames.MAIN)))) {
                return false;
            }
            return all.stream().map(ObjectInfo::key).allMatch(k -> k.equals(Layout.STAMP) || k.startsWith(Layout.SCHEMAS_PREFIX)
                    || k.startsWith(Layout.COMMITS_PREFIX) || k.startsWith(Layout.SEGMENTS_PREFIX) || k.startsWith(Layout.REFS_PREFIX));
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource) {
        try (Graph g = OmniGraph.open(root.store(), OpenOptions.defaults().withStoreOptions(storeOptions))) {
            SchemaPlanResult r = g.planSchema(Optional.empty(), desiredSource, false);
            if (r.refusalCode().isPresent() && r.refusalCode().get() != EngineErrorCode.SCHEMA_UNSUPPORTED) {
                return new SchemaPreview.Rejected("[" + r.refusalCode().get().code() + "] " + r.refusal().orElse(""));
            }
            return new SchemaPreview.Ready(r.plan(), r.graphManifestVersion());
        } catch (EngineException.Compile e) {
            return new SchemaPreview.Rejected("desired schema does not compile against the live one: " + e.getMessage());
        } catch (EngineException e) {
            return new SchemaPreview.Rejected("[" + e.code().code() + "] " + e.getMessage());
        } catch (StoreException e) {
            return new SchemaPreview.Rejected("cannot read " + root.uri() + ": " + e.getMessage());
        }
    }

    @Override
    public long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException {
        Graph g;
        try {
            g = OmniGraph.open(root.store(), OpenOptions.defaults().withStoreOptions(storeOptions));
        } catch (EngineException e) {
            throw new GraphPlaneException("cannot open the graph at " + root.uri() + ": " + e.getMessage(), false, e);
        } catch (StoreException e) {
            throw new GraphPlaneException("cannot open the graph at " + root.uri() + ": " + e.getMessage(), false, e);
        }
        try (g) {
            SchemaApplyResult r = g.applySchema(actor.map(Actor::of), desiredSource, false);
            return r.graphManifestVersion();
        } catch (EngineException.Compile e) {
            throw new GraphPlaneException("desired schema does not compile: " + e.getMessage(), false, e);
        } catch (EngineException.Invalid e) {
            // unsupported step or non-main branches: refused before anything moved
            throw new GraphPlaneException("[" + e.code().code() + "] " + e.getMessage(), false, e);
        } catch (EngineException e) {
            throw new GraphPlaneException("[" + e.code().code() + "] " + e.getMessage(), true, e);
        } catch (StoreException e) {
            throw new GraphPlaneException(e.getMessage(), true, e);
        }
    }

    @Override
    public void deleteRoot(GraphRoot root) throws GraphPlaneException {
        try {
            OmniGraph.delete(root.store());
        } catch (EngineException e) {
            throw new GraphPlaneException("cannot delete " + root.uri() + ": " + e.getMessage(), true, e);
        } catch (StoreException e) {
            throw new GraphPlaneException("cannot delete " + root.uri() + ": " + e.getMessage(), true, e);
        }
        GraphPlane.removeEmptyLocalDirectory(root.store());
    }
}
