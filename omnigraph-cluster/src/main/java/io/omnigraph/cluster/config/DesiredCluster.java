package io.omnigraph.cluster.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterDiagnostic;
import io.omnigraph.compiler.schema.CompiledSchema;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A loaded and validated {@code cluster.yaml} with every referenced source read: the desired state. Produced by
 * {@link ConfigLoader#load(Path)}; when {@link #ok()} is false the resource maps hold whatever could be derived and
 * must not be applied.
 *
 * @param header       the storage/lock part (also what {@code status} and {@code force-unlock} read)
 * @param graphs       graph id → graph declaration, sorted
 * @param policies     policy name → bundle, sorted
 * @param providers    provider name → embedding profile, sorted
 * @param resources    address → desired resource, sorted
 * @param dependencies sorted, de-duplicated edges
 * @param configDigest the desired config digest (spec §1.8)
 * @param diagnostics  validation diagnostics in discovery order
 */
public record DesiredCluster(ConfigHeader header, SortedMap<String, GraphSpec> graphs,
                             SortedMap<String, PolicySpec> policies, SortedMap<String, ProviderSpec> providers,
                             SortedMap<String, DesiredResource> resources, List<Dependency> dependencies,
                             String configDigest, List<ClusterDiagnostic> diagnostics) {

    public boolean ok() {
        return diagnostics.stream().noneMatch(ClusterDiagnostic::isError);
    }

    public Path configDir() {
        return header.configDir();
    }

    /** One desired resource. {@code path} is the source file as written in cluster.yaml, when there is one. */
    public record DesiredResource(String address, ResourceKind kind, String digest, Optional<String> path) {
    }

    /** A dependency edge {@code from → to}. */
    public record Dependency(String from, String to) implements Comparable<Dependency> {
        @Override
        public int compareTo(Dependency o) {
            int c = from.compareTo(o.from);
            return c != 0 ? c : to.compareTo(o.to);
        }
    }

    /**
     * A declared graph.
     *
     * @param schemaPath         as written
     * @param schemaFile         resolved path
     * @param schemaDigest       sha256hex of the .pg bytes (empty when unreadable)
     * @param schemaSource       the .pg text (empty when unreadable)
     * @param compiled           the compiled schema when it compiles
     * @param queries            registry name → query, sorted
     * @param embeddingProvider  {@code provider.embedding.<n>} when bound
     * @param externalBlobPolicy normalized allow policy; empty = Deny
     */
    public record GraphSpec(String id, String schemaPath, Path schemaFile, String schemaDigest, String schemaSource,
                            Optional<CompiledSchema> compiled, SortedMap<String, QuerySpec> queries,
                            Optional<String> embeddingProvider, Optional<ObjectNode> externalBlobPolicy) {
    }

    /**
     * A stored query: its registry name, the containing file (as written and resolved), the file digest, and whether
     * MCP offers it as a tool ({@code mcp: { expose: false }} in the map form of {@code queries} hides it).
     */
    public record QuerySpec(String graph, String name, String path, Path file, String digest, String source,
                            boolean mcpExpose) {
        /** An exposed query (the path and list forms of {@code queries}). */
        public QuerySpec(String graph, String name, String path, Path file, String digest, String source) {
            this(graph, name, path, file, digest, source, true);
        }
    }

    /** A policy bundle with its normalized bindings ({@code cluster} / {@code graph.<id>}, sorted, distinct). */
    public record PolicySpec(String name, String path, Path file, String digest, String source,
                             List<String> appliesTo) {
    }

    /** An embedding provider profile (fields in order kind, base_url, model, api_key) and its digest. */
    public record ProviderSpec(String name, ObjectNode profile, String digest) {
    }
}
