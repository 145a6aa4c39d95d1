package io.omnigraph.compiler.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.schema.ir.SchemaIR;
import io.omnigraph.compiler.schema.ir.SchemaIRJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A compiled schema: the original {@code .pg} source (kept verbatim), its IR with stable identities, and the
 * catalog built from that IR. Immutable.
 *
 * <ul>
 *   <li>{@link #schemaDigest()} — SHA-256 of the canonical IR JSON: the semantic identity (comments and formatting
 *       do not change it; renames and id allocation do).</li>
 *   <li>{@link #sourceDigest()} — SHA-256 of the source bytes (UTF-8), what {@code cluster.yaml} digests use.</li>
 *   <li>{@link #toStoredJson()} / {@link #fromStoredJson} — {@code {"source": "...", "ir": {...}}}, what a graph stores.</li>
 * </ul>
 */
public record CompiledSchema(String fileName, String source, SchemaIR ir, Catalog catalog) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CompiledSchema {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ir, "ir");
        Objects.requireNonNull(catalog, "catalog");
    }

    /** Re-creates a compiled schema from a stored source + IR without re-parsing (validates the IR). */
    public static CompiledSchema of(String fileName, String source, SchemaIR ir) {
        return new CompiledSchema(fileName, source, ir, Catalog.of(ir));
    }

    public String schemaDigest() {
        return ir.digest();
    }

    public String sourceDigest() {
        return sha256Hex(source);
    }

    /** {@code {"source":"…","ir":{…}}} compact JSON. */
    public String toStoredJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("source", source);
        o.set("ir", SchemaIRJson.toTree(ir));
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inverse of {@link #toStoredJson()}.
     *
     * @throws CompileException with code {@code invalid_ir} when malformed
     */
    public static CompiledSchema fromStoredJson(String fileName, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CompileException(Diagnostic.error(CompilerErrorCode.INVALID_IR, "stored schema is not valid JSON: "
                    + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !root.path("source").isTextual() || !root.path("ir").isObject()) {
            throw new CompileException(Diagnostic.error(CompilerErrorCode.INVALID_IR,
                    "stored schema must be an object with a string 'source' and an object 'ir'"));
        }
        SchemaIR ir = SchemaIR.fromJson(root.get("ir").toString());
        return of(fileName, root.get("source").textValue(), ir);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
