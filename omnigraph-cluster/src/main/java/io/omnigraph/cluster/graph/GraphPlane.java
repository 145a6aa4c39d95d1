package io.omnigraph.cluster.graph;

import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.ObjectStores;
import io.omnigraph.storage.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The control plane's port to the graph engine: the only graph operations cluster commands perform. The
 * implementation is {@link EngineGraphPlane} (the real engine over the graph root's store).
 *
 * <p>Contract: every method works on the store of the {@link GraphRoot}; {@link #observe} and
 * {@link #previewSchemaApply} never write; {@link #init} and {@link #applySchema} are all-or-nothing as seen by
 * {@link #observe} (a crash leaves either the old or the new graph visible, never a mix); store failures surface as
 * {@link GraphPlaneException} (or {@link StoreException} from {@link #exists}), never as an unchecked error.
 */
public interface GraphPlane {

    /** Anything stored under the root (local: files exist; S3: prefix listing non-empty). */
    default boolean exists(GraphRoot root) {
        return !root.store().list("").isEmpty();
    }

    /** Creates a graph with the given schema at the root; fails if a graph or anything else exists there. */
    void init(GraphRoot root, String schemaSource, Optional<String> actor) throws GraphPlaneException;

    /**
     * Like {@link #init(GraphRoot, String, Optional)}; with {@code replaceInterruptedInit}, leftovers of an init that
     * died part-way ({@link #isInterruptedInit}) are replaced — only ever asked for by recovery under the state lock,
     * never while another init could be in flight.
     */
    default void init(GraphRoot root, String schemaSource, Optional<String> actor, boolean replaceInterruptedInit)
            throws GraphPlaneException {
        init(root, schemaSource, actor);
    }

    /**
     * True when the root holds only the leftovers of an {@link #init} that died part-way (graph artefacts, no main
     * branch), which a new {@link #init} replaces. Recovery uses it to re-run an interrupted create instead of asking
     * the operator to remove the root by hand. Read-only; false when unsure.
     */
    default boolean isInterruptedInit(GraphRoot root) {
        return false;
    }

    /** Read-only observation of the root. Never throws for a broken or absent graph: that is in the result. */
    GraphObservation observe(GraphRoot root);

    /** Read-only: the migration that {@link #applySchema} would run (soft drops), or why it would be refused. */
    SchemaPreview previewSchemaApply(GraphRoot root, String desiredSource);

    /**
     * Migrates the live graph to {@code desiredSource} with soft drops only, attributed to {@code actor}.
     *
     * @return the new main manifest version
     */
    long applySchema(GraphRoot root, String desiredSource, Optional<String> actor) throws GraphPlaneException;

    /** Deletes everything under the root (idempotent). */
    default void deleteRoot(GraphRoot root) throws GraphPlaneException {
        try {
            ObjectStores.deleteAll(root.store(), "");
        } catch (StoreException e) {
            throw new GraphPlaneException("cannot delete " + root.uri() + ": " + e.getMessage(), true, e);
        }
        removeEmptyLocalDirectory(root.store());
    }

    /**
     * Local roots leave directories (and the local backend's own hidden {@code .omnigraph-*} lock files) behind after
     * their objects are deleted: once the root lists no object, remove the directory tree.
     */
    static void removeEmptyLocalDirectory(ObjectStore store) {
        try {
            if (!store.isLocal() || !store.list("").isEmpty()) {
                return;
            }
        } catch (StoreException e) {
            return; // the objects are gone; an empty directory left behind is harmless (exists() looks at objects)
        }
        Path dir = Path.of(store.location());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // leftovers without objects are harmless; exists() looks at objects
        }
    }
}
