package io.omnigraph.server.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks HTTP responses (and optionally requests) against the bundled {@code openapi.json} with the Atlassian
 * OpenAPI validator. Reusable by every server test: {@code OpenApiContract.get().assertValid(method, path, status,
 * headers, body)}.
 *
 * <p>Documented deviations (docs/server.md, "Deviations from openapi.json"), applied as an in-memory overlay before
 * validation and nowhere else:
 * <ol>
 *   <li>every per-graph operation may also answer {@code 400} (graph id outside the server rule, malformed query
 *       parameter), {@code 404} (graph not served, unknown branch/snapshot/commit) and {@code 500} (internal or
 *       policy-evaluation failure) with an {@code ErrorOutput} body;</li>
 *   <li>every operation with a request body may also answer {@code 400}, {@code 413} (body too large) and
 *       {@code 415} (wrong media type);</li>
 *   <li>{@code GET /graphs} may answer {@code 500} (policy evaluation failure);</li>
 *   <li>{@code GET /openapi.json} (this document) is served but not described by itself;</li>
 *   <li>responses for paths/methods that match no operation (404 unknown route, 405 wrong method) must be an
 *       {@code ErrorOutput} with a 4xx status;</li>
 *   <li>the operator routes {@code POST /admin/reload} and {@code GET /admin/status} (hot reload) are described here
 *       ({@code AdminReloadOutput}, {@code AdminStatusOutput}) since openapi.json has no place for them.</li>
 * </ol>
 */
public final class OpenApiContract {
    private static final String RESOURCE = "/io/omnigraph/server/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PER_GRAPH_EXTRA = Set.of("400", "404", "500");
    private static final Set<String> BODY_EXTRA = Set.of("400", "413", "415");
    private static volatile OpenApiContract instance;

    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemaValidator;
    private final JsonNode document;

    private OpenApiContract(String overlaid, JsonNode document) {
        this.document = document;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(overlaid).build();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(overlaid, null, options).getOpenAPI();
        this.schemaValidator = new SchemaValidator(api, new MessageResolver());
    }

    /** The shared instance (parsing the document takes a moment). */
    public static OpenApiContract get() {
        OpenApiContract c = instance;
        if (c == null) {
            synchronized (OpenApiContract.class) {
                c = instance;
                if (c == null) {
                    c = load();
                    instance = c;
                }
            }
        }
        return c;
    }

    /** The original document (without the overlay). */
    public JsonNode document() {
        return document;
    }

    /**
     * Asserts that a response conforms to the contract.
     *
     * @param method      HTTP method of the request
     * @param rawPath     request path as sent (percent-encoded, without query)
     * @param status      response status
     * @param headers     response headers
     * @param body        response body (may be empty)
     */
    public void assertValid(String method, String rawPath, int status, HttpHeaders headers, byte[] body) {
        List<String> problems = problems(method, rawPath, status, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("response violates openapi.json: " + method + " " + rawPath + " -> " + status
                    + "\n  " + String.join("\n  ", problems) + "\n  body: "
                    + new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The contract problems of one response (empty when valid). */
    public List<String> problems(String method, String rawPath, int status, HttpHeaders headers, byte[] body) {
        SimpleResponse.Builder rb = SimpleResponse.Builder.status(status);
        headers.map().forEach((name, values) -> rb.withHeader(name, values));
        if (body.length > 0) {
            rb.withBody(new String(body, StandardCharsets.UTF_8));
        }
        Request.Method m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        ValidationReport report = validator.validateResponse(rawPath, m, rb.build());
        List<String> keys = report.getMessages().stream().map(ValidationReport.Message::getKey).toList();
        if (keys.contains("validation.request.path.missing") || keys.contains("validation.request.operation.notAllowed")) {
            return unmatchedRoute(method, status, headers, body);
        }
        List<String> problems = new ArrayList<>(errors(report));
        if (problems.isEmpty() && body.length > 0 && headers.firstValue("content-type").orElse("").startsWith("application/json")) {
            responseSchema(method, rawPath, status).ifPresent(schema -> {
                try {
                    undeclared(schema, JSON.readTree(body), "$", problems);
                } catch (IOException e) {
                    problems.add("body is not JSON: " + e.getMessage());
                }
            });
        }
        return problems;
    }

    /**
     * Properties present in {@code value} that {@code #/components/schemas/<schemaName>} does not declare (recursively).
     * The validator alone accepts them whenever a schema allows additional properties, which would hide a misspelt
     * optional field.
     */
    public List<String> undeclaredProperties(String schemaName, JsonNode value) {
        List<String> problems = new ArrayList<>();
        undeclared(JSON.createObjectNode().put("$ref", "#/components/schemas/" + schemaName), value, "$", problems);
        return problems;
    }

    private java.util.Optional<JsonNode> responseSchema(String method, String rawPath, int status) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String regex = java.util.Arrays.stream(e.getKey().split("/", -1))
                    .map(seg -> seg.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(seg))
                    .collect(Collectors.joining("/"));
            if (rawPath.matches(regex)) {
                JsonNode schema = e.getValue().path(method.toLowerCase(Locale.ROOT)).path("responses")
                        .path(String.valueOf(status)).path("content").path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    return java.util.Optional.of(schema);
                }
                if (status >= 400) {
                    return java.util.Optional.of(JSON.createObjectNode().put("$ref", "#/components/schemas/ErrorOutput"));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private void undeclared(JsonNode schema, JsonNode value, String at, List<String> problems) {
        schema = deref(schema);
        if (value == null || value.isNull()) {
            return;
        }
        List<JsonNode> branches = new ArrayList<>();
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(b -> {
                JsonNode d = deref(b);
                if (!d.path("type").asText("").equals("null")) {
                    branches.add(d);
                }
            });
        }
        if (!branches.isEmpty()) {
            if (value.isObject()) {
                // the union of the branches' properties (untagged unions such as InvokeStoredQueryResponse)
                com.fasterxml.jackson.databind.node.ObjectNode union = JSON.createObjectNode();
                com.fasterxml.jackson.databind.node.ObjectNode props = union.putObject("properties");
                branches.forEach(b -> b.path("properties").properties().forEach(f -> props.set(f.getKey(), f.getValue())));
                undeclared(union, value, at, problems);
            } else if (branches.size() == 1) {
                undeclared(branches.get(0), value, at, problems);
            }
            return;
        }
        if (value.isObject() && schema.has("properties")) {
            JsonNode props = schema.get("properties");
            value.properties().forEach(f -> {
                if (!props.has(f.getKey())) {
                    problems.add(at + "." + f.getKey() + " is not declared by the schema");
                } else {
                    undeclared(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), problems);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undeclared(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    private JsonNode deref(JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            s = document.at(ref.substring(1));
        }
        return s;
    }

    /** Asserts that {@code json} is an instance of {@code #/components/schemas/<schemaName>}. */
    public void assertSchema(String schemaName, String json) {
        List<String> problems = schemaProblems(schemaName, json);
        if (!problems.isEmpty()) {
            throw new AssertionError(json + " is not a valid " + schemaName + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** Schema problems of {@code json} against one component schema. */
    public List<String> schemaProblems(String schemaName, String json) {
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + schemaName);
        return errors(schemaValidator.validate(json, ref, "body"));
    }

    /** Every operation of the contract as {@code "METHOD /path"}. */
    public List<String> operations() {
        List<String> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    ops.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    private List<String> unmatchedRoute(String method, int status, HttpHeaders headers, byte[] body) {
        List<String> problems = new ArrayList<>();
        if (status < 400 || status > 499) {
            problems.add("a path/method outside the contract must be answered with a 4xx, got " + status);
        }
        if (!method.equalsIgnoreCase("HEAD")) {
            String type = headers.firstValue("content-type").orElse("");
            if (!type.startsWith("application/json")) {
                problems.add("error responses must be application/json, got '" + type + "'");
            }
            problems.addAll(schemaProblems("ErrorOutput", new String(body, StandardCharsets.UTF_8)));
        }
        return problems;
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(msg -> msg.getLevel() == ValidationReport.Level.ERROR)
                .map(msg -> msg.getKey() + ": " + msg.getMessage()
                        + (msg.getAdditionalInfo().isEmpty() ? "" : " " + msg.getAdditionalInfo())
                        + (msg.getNestedMessages().isEmpty() ? "" : " " + msg.getNestedMessages().stream()
                        .map(ValidationReport.Message::getMessage).collect(Collectors.joining("; "))))
                .toList();
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            byte[] raw = in.readAllBytes();
            JsonNode original = JSON.readTree(raw);
            ObjectNode overlaid = (ObjectNode) JSON.readTree(raw);
            overlay(overlaid);
            return new OpenApiContract(JSON.writeValueAsString(overlaid), original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the documented deviations (see the class comment). */
    private static void overlay(ObjectNode doc) {
        ObjectNode paths = (ObjectNode) doc.get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = entry.getKey();
            for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!(op.getValue() instanceof ObjectNode operation) || op.getKey().equals("parameters")) {
                    continue;
                }
                boolean head = op.getKey().equals("head");
                ObjectNode responses = (ObjectNode) operation.get("responses");
                if (path.startsWith("/graphs/{graph_id}")) {
                    PER_GRAPH_EXTRA.forEach(s -> addError(responses, s, head));
                }
                if (operation.has("requestBody")) {
                    BODY_EXTRA.forEach(s -> addError(responses, s, head));
                }
                if (path.equals("/graphs")) {
                    addError(responses, "500", head);
                }
            }
        }
        adminRoutes(doc, paths);
        ObjectNode self = paths.putObject("/openapi.json").putObject("get");
        self.put("operationId", "openapi_document");
        self.putObject("responses").putObject("200").put("description", "this document")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
    }

    /** Deviation 6: the operator routes and their bodies. */
    private static void adminRoutes(ObjectNode doc, ObjectNode paths) {
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        try {
            schemas.set("AdminRevision", JSON.readTree("""
                    {"type":"object","required":["state_revision","state_cas"],"additionalProperties":false,
                     "properties":{"state_revision":{"type":"integer","format":"int64"},"state_cas":{"type":"string"}}}"""));
            schemas.set("AdminQuarantinedGraph", JSON.readTree("""
                    {"type":"object","required":["graph_id","code","reason"],"additionalProperties":false,
                     "properties":{"graph_id":{"type":"string"},"code":{"type":"string"},"reason":{"type":"string"}}}"""));
            schemas.set("AdminReloadOutput", JSON.readTree("""
                    {"type":"object","required":["outcome","trigger","served","graphs","quarantined","at","duration_ms"],
                     "additionalProperties":false,
                     "properties":{"outcome":{"type":"string","enum":["reloaded","unchanged","failed"]},
                       "trigger":{"type":"string"},
                       "served":{"$ref":"#/components/schemas/AdminRevision"},
                       "attempted":{"$ref":"#/components/schemas/AdminRevision"},
                       "error":{"type":"string"},
                       "graphs":{"type":"array","items":{"type":"string"}},
                       "quarantined":{"type":"array","items":{"$ref":"#/components/schemas/AdminQuarantinedGraph"}},
                       "at":{"type":"string"},"duration_ms":{"type":"integer","format":"int64"}}}"""));
            schemas.set("AdminStatusOutput", JSON.readTree("""
                    {"type":"object","required":["storage_root","served","served_since","graphs","quarantined","poll_interval_ms",
                       "auth_mode","policy_bindings"],
                     "additionalProperties":false,
                     "properties":{"storage_root":{"type":"string"},
                       "served":{"$ref":"#/components/schemas/AdminRevision"},
                       "served_since":{"type":"string"},
                       "graphs":{"type":"array","items":{"type":"string"}},
                       "quarantined":{"type":"array","items":{"$ref":"#/components/schemas/AdminQuarantinedGraph"}},
                       "poll_interval_ms":{"type":"integer","format":"int64"},
                       "auth_mode":{"type":"string","enum":["open","default_deny","policy_enabled"]},
                       "policy_bindings":{"type":"array","items":{"type":"object","required":["scope"],
                         "additionalProperties":false,"properties":{"scope":{"type":"string","enum":["cluster","graph"]},
                         "graph_id":{"type":"string"},"bundle":{"type":"string"},"digest":{"type":"string"}}}},
                       "last_reload":{"$ref":"#/components/schemas/AdminReloadOutput"},
                       "last_failure":{"$ref":"#/components/schemas/AdminReloadOutput"}}}"""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        adminOperation(paths.putObject("/admin/reload").putObject("post"), "admin_reload", "AdminReloadOutput");
        adminOperation(paths.putObject("/admin/status").putObject("get"), "admin_status", "AdminStatusOutput");
    }

    private static void adminOperation(ObjectNode op, String id, String schema) {
        op.put("operationId", id);
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "ok").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/" + schema);
        for (String status : List.of("401", "403", "404", "500")) {
            addError(responses, status, false);
        }
    }

    private static void addError(ObjectNode responses, String status, boolean head) {
        if (responses.has(status)) {
            return;
        }
        ObjectNode response = responses.putObject(status);
        response.put("description", "deviation: see docs/server.md");
        if (!head) {
            response.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/ErrorOutput");
        }
    }
}
