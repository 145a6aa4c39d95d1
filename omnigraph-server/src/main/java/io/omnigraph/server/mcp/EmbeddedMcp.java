package io.omnigraph.server.mcp;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.authz.AccessPolicy;
import io.omnigraph.server.authz.Authorizer;
import io.omnigraph.server.authz.RuntimeState;
import io.omnigraph.server.port.GraphService;
import io.omnigraph.server.port.ServedCluster;

import java.util.List;
import java.util.Optional;

/**
 * MCP over one graph without a server (the embedded {@code omnigraph mcp --store URI}): whoever can reach the storage
 * owns it, so the gate is in Open posture (every per-graph action allowed, as for direct CLI access) and nothing is
 * admission-limited beyond the defaults. Thread-safe: every message builds its own stateless MCP server.
 */
public final class EmbeddedMcp {
    private final McpCaller caller;
    private final GraphService graph;

    public EmbeddedMcp(GraphService graph, int internalSchemaVersion, String version) {
        this.graph = graph;
        ServedCluster view = new ServedCluster() {
            @Override
            public List<GraphService> graphs() {
                return List.of(graph);
            }

            @Override
            public Optional<AccessPolicy> serverPolicy() {
                return Optional.empty();
            }

            @Override
            public int internalSchemaVersion() {
                return internalSchemaVersion;
            }
        };
        this.caller = new McpCaller(Optional.empty(), new Authorizer(RuntimeState.OPEN),
                new AdmissionControl(Integer.MAX_VALUE, Long.MAX_VALUE), view, version, Optional.empty());
    }

    /** Handles one JSON-RPC message: the response line, or empty for a notification. */
    public Optional<String> handle(String message) {
        return McpEndpoint.handle(message, caller, Optional.of(graph));
    }
}
