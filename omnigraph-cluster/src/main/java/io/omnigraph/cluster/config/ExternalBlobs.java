package io.omnigraph.cluster.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cluster.diag.ClusterCode;
import io.omnigraph.cluster.diag.Diagnostics;
import io.omnigraph.cluster.json.CanonicalJson;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code graphs.<id>.external_blobs}: validation and normalization (spec §1.5). Missing or empty ⇒ Deny (empty
 * Optional). Otherwise {@code {"mode":"allow","bases":[{"uri","scope"}…]}} with bases sorted by uri, then
 * {@code server_safe} before {@code embedded_only}.
 */
final class ExternalBlobs {
    private static final int MAX_URI_BYTES = 64 * 1024;

    private ExternalBlobs() {
    }

    private record Base(String uri, String scope) {
    }

    static Optional<ObjectNode> normalize(JsonNode node, String path, Diagnostics d) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, path, "`external_blobs` must be a mapping with an `allow` list");
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("allow")) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, path + "." + k, "unknown key `" + path + "." + k + "`; allowed here: [allow]");
            }
        });
        JsonNode allow = node.get("allow");
        if (allow == null || allow.isNull() || (allow.isArray() && allow.isEmpty())) {
            return Optional.empty();
        }
        if (!allow.isArray()) {
            d.error(ClusterCode.INVALID_CLUSTER_YAML, path + ".allow", "`allow` must be a list of {base, scope}");
            return Optional.empty();
        }
        List<Base> bases = new ArrayList<>();
        boolean bad = false;
        int i = 0;
        for (JsonNode el : allow) {
            String ep = path + ".allow[" + i++ + "]";
            if (!el.isObject()) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, ep, "an allow entry must be {base, scope}");
                bad = true;
                continue;
            }
            el.fieldNames().forEachRemaining(k -> {
                if (!Set.of("base", "scope").contains(k)) {
                    d.error(ClusterCode.INVALID_CLUSTER_YAML, ep + "." + k, "unknown key `" + k + "`; allowed here: [base, scope]");
                }
            });
            JsonNode base = el.get("base");
            JsonNode scope = el.get("scope");
            if (scope == null || !scope.isTextual() || !Set.of("server_safe", "embedded_only").contains(scope.asText())) {
                d.error(ClusterCode.INVALID_CLUSTER_YAML, ep + ".scope", "`scope` must be server_safe or embedded_only");
                bad = true;
                continue;
            }
            if (base == null || !base.isTextual()) {
                d.error(ClusterCode.INVALID_EXTERNAL_BLOB_BASE, ep + ".base", "`base` must be an absolute URI string");
                bad = true;
                continue;
            }
            Optional<String> problem = problem(base.asText(), scope.asText());
            if (problem.isPresent()) {
                d.error(ClusterCode.INVALID_EXTERNAL_BLOB_BASE, ep + ".base", problem.get());
                bad = true;
                continue;
            }
            bases.add(new Base(canonical(base.asText()), scope.asText()));
        }
        if (bad) {
            return Optional.empty();
        }
        bases.sort(Comparator.comparing(Base::uri).thenComparing(b -> b.scope().equals("server_safe") ? 0 : 1));
        for (int a = 0; a < bases.size(); a++) {
            for (int b = a + 1; b < bases.size(); b++) {
                if (overlaps(bases.get(a).uri(), bases.get(b).uri())) {
                    d.error(ClusterCode.INVALID_EXTERNAL_BLOB_POLICY, path + ".allow", "bases `" + bases.get(a).uri()
                            + "` and `" + bases.get(b).uri() + "` overlap; allow bases must be disjoint");
                    return Optional.empty();
                }
            }
        }
        ObjectNode out = CanonicalJson.object();
        out.put("mode", "allow");
        ArrayNode arr = out.putArray("bases");
        bases.forEach(b -> {
            ObjectNode o = arr.addObject();
            o.put("uri", b.uri());
            o.put("scope", b.scope());
        });
        return Optional.of(out);
    }

    private static Optional<String> problem(String raw, String scope) {
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_URI_BYTES) {
            return Optional.of("base URI is longer than 64 KiB");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.of("`" + raw + "` is not a valid URI: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getScheme() == null) {
            return Optional.of("`" + raw + "` is not an absolute URI (e.g. s3://bucket/prefix/)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("s3", "file", "http", "https", "gs", "az").contains(scheme)) {
            return Optional.of("unsupported scheme `" + scheme + "` in `" + raw + "`");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("`" + raw + "` carries credentials; credentials never go in cluster.yaml");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("`" + raw + "` has a query or fragment; give a plain base URI");
        }
        String p = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String seg : p.split("/")) {
            if (seg.equals("..") || seg.equals(".")) {
                return Optional.of("`" + raw + "` contains path traversal segments");
            }
        }
        if (p.contains("%2e") || p.contains("%2E") || p.contains("%2f") || p.contains("%2F") || p.contains("//")) {
            return Optional.of("`" + raw + "` contains an ambiguous encoding or empty segment");
        }
        if (scheme.equals("file") && scope.equals("server_safe")) {
            return Optional.of("file:// bases cannot be server_safe (the server must not read its own disk for clients);"
                    + " use scope: embedded_only");
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty()) && uri.getAuthority() == null) {
            return Optional.of("`" + raw + "` has no bucket or host");
        }
        return Optional.empty();
    }

    private static String canonical(String raw) {
        URI u = URI.create(raw);
        String s = u.getScheme().toLowerCase(Locale.ROOT) + "://" + (u.getRawAuthority() == null ? "" : u.getRawAuthority().toLowerCase(Locale.ROOT))
                + (u.getRawPath() == null ? "" : u.getRawPath());
        return s.endsWith("/") ? s : s + "/";
    }

    private static boolean overlaps(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
