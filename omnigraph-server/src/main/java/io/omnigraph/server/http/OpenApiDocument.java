package io.omnigraph.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.server.api.WireJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The bundled {@code openapi.json} (the wire contract, OpenAPI 3.1). When the server does not require
 * authentication every {@code security} requirement is removed, so generated clients do not ask for a token.
 */
final class OpenApiDocument {
    static final String RESOURCE = "/io/omnigraph/server/openapi.json";

    private final byte[] bytes;

    private OpenApiDocument(byte[] bytes) {
        this.bytes = bytes;
    }

    static OpenApiDocument load(boolean authRequired) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the server jar lacks " + RESOURCE);
            }
            byte[] raw = in.readAllBytes();
            if (authRequired) {
                return new OpenApiDocument(raw);
            }
            JsonNode doc = WireJson.mapper().readTree(raw);
            stripSecurity(doc);
            return new OpenApiDocument(WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled openapi.json", e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    private static void stripSecurity(JsonNode doc) {
        if (doc instanceof ObjectNode root) {
            root.remove("security");
        }
        JsonNode paths = doc.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            JsonNode item = it.next().getValue();
            for (Iterator<Map.Entry<String, JsonNode>> ops = item.properties().iterator(); ops.hasNext(); ) {
                if (ops.next().getValue() instanceof ObjectNode op) {
                    op.remove("security");
                }
            }
        }
    }
}
