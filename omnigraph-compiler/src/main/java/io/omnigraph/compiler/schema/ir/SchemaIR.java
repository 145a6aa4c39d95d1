package io.omnigraph.compiler.schema.ir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The accepted form of a schema: every type and property with its stable identity, in deterministic order
 * (types and properties sorted by name, byte-wise). This is what the engine stores with each commit and rebuilds
 * its {@link io.omnigraph.compiler.catalog.Catalog} from.
 *
 * <p>Identity: every interface/node/edge has a stable type id, every property a stable property id, every node/edge
 * table a table-incarnation id, all drawn from one counter; {@code nextIdentityId} is the next unused value
 * (starts at 1, never reused).
 *
 * <p>JSON: {@link #toJson()} is canonical (compact, fixed key order) and round-trips through {@link #fromJson};
 * {@link #digest()} is the SHA-256 (hex) of that canonical JSON.
 */
public record SchemaIR(long nextIdentityId, List<InterfaceDef> interfaces, List<NodeDef> nodes, List<EdgeDef> edges) {
    /** Version of the IR JSON format. */
    public static final int IR_VERSION = 1;

    public SchemaIR {
        if (nextIdentityId < 1) {
            throw new IllegalArgumentException("next_identity_id must be >= 1");
        }
        interfaces = sortedBy(interfaces, InterfaceDef::name);
        nodes = sortedBy(nodes, NodeDef::name);
        edges = sortedBy(edges, EdgeDef::name);
    }

    /** The empty schema (a blank .pg file), with no ids allocated. */
    public static SchemaIR empty() {
        return new SchemaIR(1, List.of(), List.of(), List.of());
    }

    /** Canonical compact JSON. */
    public String toJson() {
        return SchemaIRJson.write(this);
    }

    /** Pretty-printed JSON (same content as {@link #toJson()}). */
    public String toPrettyJson() {
        return SchemaIRJson.writePretty(this);
    }

    /**
     * Parses IR JSON written by {@link #toJson()}.
     *
     * @throws io.omnigraph.compiler.diag.CompileException with code {@code invalid_ir} when malformed
     */
    public static SchemaIR fromJson(String json) {
        return SchemaIRJson.read(json);
    }

    /** SHA-256 (lower-case hex) of {@link #toJson()}. */
    public String digest() {
        return sha256Hex(toJson());
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static List<PropertyDef> sortedByName(List<PropertyDef> props) {
        return sortedBy(props, PropertyDef::name);
    }

    private static <T> List<T> sortedBy(List<T> items, Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key, SchemaIR::compareBytes)).toList();
    }

    /** Byte-wise (UTF-8) string order, the order of the original's sorted maps. */
    public static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
