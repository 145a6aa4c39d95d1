package io.omnigraph.engine.api;

import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.engine.branch.BranchNames;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.error.EngineErrorCode;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.format.Layout;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.Parallel;
import io.omnigraph.storage.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Entry points of the embedded engine: create, open, probe and delete graphs. Every surface (CLI, server, cluster,
 * MCP) goes through these and the {@link Graph} handle they return.
 *
 * <pre>{@code
 * try (Graph g = OmniGraph.init("/data/people.omni", schemaText, InitOptions.defaults())) {
 *     g.load(Optional.empty(), LoadRequest.of(in, "main", LoadMode.MERGE));
 * }
 * Graph g = OmniGraph.open("s3://bucket/graphs/people.omni", OpenOptions.defaults());
 * }</pre>
 *
 * Errors: every method throws only {@link EngineException} (schema errors as {@link EngineException.Compile} with the
 * compiler's diagnostics).
 */
public final class OmniGraph {
    private OmniGraph() {
    }

    /** Creates a graph at a location ({@link ObjectStores#open}); local directories are created. */
    public static Graph init(String location, String schemaSource, InitOptions options) {
        return init(openStore(location), schemaSource, options);
    }

    /**
     * Creates a graph in an empty root: compiles the schema, writes the schema object and the genesis commit
     * (parentless, every type at 0 entities), then {@code graph.json} and {@code main}. Strict: a root holding a graph
     * is refused ({@code graph_exists}), and so is any other content ({@code root_not_empty}) unless
     * {@link InitOptions#force()} and the content is only leftover graph artefacts without a main branch.
     *
     * @throws EngineException.Compile with code {@code schema_error} when the schema does not compile
     */
    public static Graph init(ObjectStore store, String schemaSource, InitOptions options) {
        CompiledSchema compiled;
        try {
            compiled = SchemaCompiler.compile(schemaSource, options.schemaFileName());
        } catch (CompileException e) {
            throw new EngineException.Compile(EngineErrorCode.SCHEMA_ERROR, e);
        }
        GraphSchema schema = GraphSchema.of(compiled);
        if (options.force()) {
            clearLeftovers(store);
        }
        GraphStore gs = GraphStore.init(store, schema.object(), options.actor().map(io.omnigraph.policy.Actor::id),
                options.storeOptions());
        return new Graph(gs, options.gate());
    }

    /** Opens the graph at a location: one read of {@code graph.json}. */
    public static Graph open(String location, OpenOptions options) {
        return open(openStore(location), options);
    }

    /**
     * Opens a graph: one read of {@code graph.json} and a format check; nothing else is read until used.
     *
     * @throws EngineException.FormatUnsupported when the root holds no graph of this format
     */
    public static Graph open(ObjectStore store, OpenOptions options) {
        return new Graph(GraphStore.open(store, options.storeOptions()), options.gate(), options.embedder());
    }

    /** What a root holds, without policy checks (observers: cluster refresh). Never throws for a broken root. */
    public static RootState probe(ObjectStore store) {
        List<ObjectInfo> any;
        try {
            any = store.list(Layout.STAMP);
        } catch (StoreException e) {
            return new RootState.Broken("cannot read " + store.location() + ": " + e.getMessage());
        }
        try {
            if (any.stream().noneMatch(o -> o.key().equals(Layout.STAMP))) {
                return store.list("").isEmpty() ? new RootState.Empty()
                        : new RootState.Broken("not a graph: graph.json is missing under " + store.location());
            }
            try (Graph g = open(store, OpenOptions.defaults())) {
                return new RootState.Present(g.info(Optional.empty()));
            }
        } catch (EngineException e) {
            return new RootState.Broken(e.getMessage());
        } catch (StoreException e) {
            return new RootState.Broken("cannot read " + store.location() + ": " + e.getMessage());
        }
    }

    /**
     * Deletes every object under a graph root (idempotent). {@code graph.json} goes first, so a crash part-way leaves
     * a root that no longer opens as a graph; running delete again finishes the job.
     */
    public static void delete(ObjectStore store) {
        try {
            if (store.exists(Layout.STAMP)) {
                store.delete(Layout.STAMP);
            }
            ObjectStores.deleteAll(store, "");
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
    }

    private static ObjectStore openStore(String location) {
        try {
            return ObjectStores.open(location);
        } catch (StoreException e) {
            throw new EngineException.Invalid(EngineErrorCode.INVALID_ARGUMENT, location, e.getMessage());
        }
    }

    /** --force: removes graph artefacts left without a main branch; refuses a live graph or foreign objects. */
    private static void clearLeftovers(ObjectStore store) {
        List<ObjectInfo> all;
        try {
            all = store.list("");
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
        if (all.isEmpty()) {
            return;
        }
        if (all.stream().anyMatch(o -> o.key().equals(Layout.ref(BranchNames.MAIN)))) {
            throw new EngineException.Exists(EngineErrorCode.GRAPH_EXISTS, store.location(), "a graph already exists at "
                    + store.location() + "; --force only replaces leftovers of an unfinished init, never a graph");
        }
        List<String> foreign = new ArrayList<>();
        for (ObjectInfo o : all) {
            String k = o.key();
            boolean artefact = k.equals(Layout.STAMP) || k.startsWith(Layout.SCHEMAS_PREFIX) || k.startsWith(Layout.COMMITS_PREFIX)
                    || k.startsWith(Layout.SEGMENTS_PREFIX) || k.startsWith(Layout.REFS_PREFIX);
            if (!artefact) {
                foreign.add(k);
            }
        }
        if (!foreign.isEmpty()) {
            throw new EngineException.Invalid(EngineErrorCode.ROOT_NOT_EMPTY, store.location(), "cannot init a graph at "
                    + store.location() + ": it holds objects that are not graph artefacts (e.g. '" + foreign.get(0)
                    + "'); --force never deletes those; choose an empty location");
        }
        List<Supplier<Object>> deletes = new ArrayList<>();
        for (ObjectInfo o : all) {
            deletes.add(() -> {
                store.delete(o.key());
                return null;
            });
        }
        try {
            Parallel.all(deletes);
        } catch (StoreException e) {
            throw new EngineException.Storage(e);
        }
    }
}
