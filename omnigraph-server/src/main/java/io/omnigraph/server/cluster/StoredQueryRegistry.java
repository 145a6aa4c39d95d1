package io.omnigraph.server.cluster;

import io.omnigraph.cluster.serving.ServingSnapshot;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.QuerySignature;
import io.omnigraph.compiler.query.ast.QueryAst;
import io.omnigraph.compiler.query.ir.ParamSpec;
import io.omnigraph.compiler.query.ir.ValueDescriptor;
import io.omnigraph.compiler.query.ir.ValueKind;
import io.omnigraph.server.api.ParamDescriptor;
import io.omnigraph.server.api.ParamKind;
import io.omnigraph.server.api.QueryCatalogEntry;
import io.omnigraph.server.port.StoredQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored queries one served graph exposes (cluster-server spec §4.2 steps 4 and 6, §4.7): every registered query
 * of the applied revision, built from its digest-verified {@code .gq} source, with {@code tool_name = name} and the
 * signature the compiler derives (parameters with kinds, description, instruction, read or mutation). Building it
 * type-checks every query against the live catalog; any breakage quarantines the graph. Immutable.
 */
public final class StoredQueryRegistry {
    /**
     * One registered query: its catalog entry, the source file text and name to run it by, and whether MCP offers it
     * as a tool.
     */
    public record Entry(QueryCatalogEntry catalog, String source, String fileName, boolean mcpExpose) {
        public String name() {
            return catalog.name();
        }

        public boolean mutation() {
            return catalog.mutation();
        }
    }

    /** A registry that cannot be served: the first problem found. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final SortedMap<String, Entry> entries;

    private StoredQueryRegistry(SortedMap<String, Entry> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    public static StoredQueryRegistry empty() {
        return new StoredQueryRegistry(new TreeMap<>());
    }

    /**
     * Builds the registry of one graph and type-checks every query against {@code liveCatalog}.
     *
     * @throws Invalid naming the query and the compiler's diagnostic when a query no longer parses or typechecks
     */
    public static StoredQueryRegistry build(SortedMap<String, ServingSnapshot.QuerySource> sources, Catalog liveCatalog)
            throws Invalid {
        SortedMap<String, Entry> out = new TreeMap<>();
        for (Map.Entry<String, ServingSnapshot.QuerySource> e : sources.entrySet()) {
            String name = e.getKey();
            ServingSnapshot.QuerySource q = e.getValue();
            out.put(name, new Entry(compile(name, q.source(), Optional.of(liveCatalog)), q.source(), name + ".gq",
                    q.mcpExpose()));
        }
        return new StoredQueryRegistry(out);
    }

    /**
     * The catalog entry of stored query {@code name} from its source: parsed, type-checked against {@code catalog}
     * when given (else only parsed), and described by the compiler's signature.
     *
     * @throws Invalid naming the query and the compiler's diagnostic
     */
    public static QueryCatalogEntry compile(String name, String source, Optional<Catalog> catalog) throws Invalid {
        String fileName = name + ".gq";
        QueryFile file;
        try {
            file = QueryCompiler.parse(source, fileName);
        } catch (CompileException ex) {
            throw new Invalid("stored query `" + name + "` does not parse: " + ex.getMessage());
        }
        QueryAst.QueryDecl decl = file.query(name).orElseThrow(() -> new Invalid("stored query `" + name
                + "` is missing from its source (no `query " + name + "` declaration)"));
        QuerySignature sig;
        try {
            if (catalog.isPresent()) {
                QueryCompiler.typecheck(file, decl, catalog.get());
            }
            sig = QueryCompiler.signature(file, decl);
        } catch (CompileException ex) {
            throw new Invalid("stored query `" + name + "` no longer typechecks against the live schema: "
                    + ex.getMessage() + "; fix the query (or the schema) and run `omnigraph cluster apply`");
        }
        List<ParamDescriptor> params = new ArrayList<>();
        for (ParamSpec p : sig.params()) {
            params.add(descriptor(p.descriptor()));
        }
        return new QueryCatalogEntry(name, name, sig.description(), sig.instruction(), sig.mutation(), params);
    }

    static ParamDescriptor descriptor(ValueDescriptor d) {
        return new ParamDescriptor(d.name(), kind(d.kind()), d.itemKind().map(StoredQueryRegistry::kind),
                d.vectorDim().isPresent() ? Optional.of(d.vectorDim().getAsInt()) : Optional.empty(), d.nullable());
    }

    static ParamKind kind(ValueKind k) {
        return switch (k) {
            case STRING -> ParamKind.STRING;
            case BOOL -> ParamKind.BOOL;
            case INT -> ParamKind.INT;
            case BIGINT -> ParamKind.BIGINT;
            case FLOAT -> ParamKind.FLOAT;
            case DATE -> ParamKind.DATE;
            case DATETIME -> ParamKind.DATETIME;
            case BLOB -> ParamKind.BLOB;
            case VECTOR -> ParamKind.VECTOR;
            case LIST -> ParamKind.LIST;
        };
    }

    /** The catalog, sorted by name. */
    public List<QueryCatalogEntry> catalog() {
        return entries.values().stream().map(Entry::catalog).toList();
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Optional<StoredQuery> storedQuery(String name) {
        return get(name).map(e -> new StoredQuery(e.name(), e.mutation()));
    }

    /** Whether MCP offers stored query {@code name} as a tool (false for unknown names). */
    public boolean exposedToMcp(String name) {
        return get(name).map(Entry::mcpExpose).orElse(false);
    }

    public int size() {
        return entries.size();
    }
}
