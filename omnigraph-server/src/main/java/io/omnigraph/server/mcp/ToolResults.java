package io.omnigraph.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.omnigraph.server.api.InvalidWireValueException;
import io.omnigraph.server.api.WireDecodingException;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.http.ErrorResponses;
import io.omnigraph.server.port.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a tool body and turns its outcome into a {@code CallToolResult}: the wire JSON of the HTTP route as text
 * (plus the same value as {@code structuredContent}), or — for an expected failure — {@code isError: true} with the
 * HTTP route's {@code ErrorOutput} JSON plus {@code status}. Unexpected exceptions are logged with an incident id and
 * never shown.
 */
final class ToolResults {
    private static final Logger LOG = LoggerFactory.getLogger(ToolResults.class);

    private ToolResults() {
    }

    static McpSchema.CallToolResult run(String tool, Supplier<Object> body) {
        try {
            return success(body.get());
        } catch (ApiException e) {
            return error(e);
        } catch (ServiceException e) {
            ApiException mapped = ErrorResponses.fromFailure(e.failure());
            if (mapped.status() >= 500) {
                LOG.error("MCP tool '{}' failed in the backend: {}", tool, e.getMessage(), e.getCause());
            }
            return error(mapped);
        } catch (WireDecodingException | InvalidWireValueException e) {
            return error(ApiException.badRequest("tool '" + tool + "': " + e.getMessage()));
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("MCP tool '{}' failed unexpectedly (incident {})", tool, incident, e);
            return error(ApiException.internal("internal server error (incident " + incident + "); see the server log"));
        }
    }

    static McpSchema.CallToolResult success(Object value) {
        JsonNode tree = WireJson.mapper().valueToTree(value);
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder()
                .addTextContent(WireJson.writeString(value)).isError(false);
        if (tree.isObject()) {
            b.structuredContent(WireJson.mapper().convertValue(tree, Map.class));
        }
        return b.build();
    }

    static McpSchema.CallToolResult error(ApiException e) {
        JsonNode body = WireJson.mapper().valueToTree(e.body());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", e.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = WireJson.mapper().convertValue(body, Map.class);
        out.putAll(fields);
        return McpSchema.CallToolResult.builder().addTextContent(WireJson.writeString(out)).isError(true).build();
    }
}
