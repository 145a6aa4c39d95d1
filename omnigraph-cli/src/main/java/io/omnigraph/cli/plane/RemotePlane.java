package io.omnigraph.cli.plane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.cli.remote.HttpApi;
import io.omnigraph.cli.remote.RemoteError;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.engine.load.LoadProgress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The served lane: one graph of an {@code omnigraph-server}, over its HTTP API (openapi.json) with a bearer token.
 * Responses are the server's wire JSON, returned as-is so the renderers see exactly what the embedded lane builds.
 */
public final class RemotePlane implements DataPlane {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final HttpApi api;
    private final Optional<String> graph;

    /**
     * @param api   the server client (base URL = the server root)
     * @param graph the graph id ({@code /graphs/<id>}); empty addresses the bare server URL
     */
    public RemotePlane(HttpApi api, Optional<String> graph) {
        this.api = api;
        this.graph = graph;
    }

    @Override
    public String target() {
        return graph.map(g -> api.url(List.of("graphs", g), Map.of())).orElse(api.base());
    }

    @Override
    public String lane() {
        return "served";
    }

    @Override
    public boolean local() {
        return false;
    }

    private String url(Map<String, List<String>> query, String... segments) {
        List<String> all = new ArrayList<>();
        graph.ifPresent(g -> {
            all.add("graphs");
            all.add(g);
        });
        all.addAll(List.of(segments));
        return api.url(all, query);
    }

    private String url(String... segments) {
        return url(Map.of(), segments);
    }

    private JsonNode get(String url) {
        return api.ok(api.get(url), url);
    }

    private JsonNode post(String url, JsonNode body) {
        return api.ok(api.postJson(url, body, Map.of()), url);
    }

    private static void put(ObjectNode o, String key, Optional<String> v) {
        v.ifPresent(s -> o.put(key, s));
    }

    @Override
    public JsonNode snapshot(String branch) {
        Map<String, List<String>> q = HttpApi.query();
        q.put("branch", List.of(branch));
        return get(url(q, "snapshot"));
    }

    @Override
    public JsonNode query(String source, String fileName, Optional<String> name, Optional<JsonNode> params,
                          Optional<String> branch, Optional<String> snapshot) {
        ObjectNode body = F.objectNode().put("query", source);
        put(body, "name", name);
        params.ifPresent(p -> body.set("params", p));
        put(body, "branch", branch);
        put(body, "snapshot", snapshot);
        return post(url("query"), body);
    }

    @Override
    public JsonNode invoke(String name, Optional<JsonNode> params, Optional<String> branch, Optional<String> snapshot,
                           boolean expectMutation) {
        ObjectNode body = F.objectNode();
        put(body, "branch", branch);
        put(body, "snapshot", snapshot);
        params.ifPresent(p -> body.set("params", p));
        body.put("expect_mutation", expectMutation);
        return post(url("queries", name), body);
    }

    @Override
    public JsonNode mutate(String source, String fileName, Optional<String> name, Optional<JsonNode> params, String branch,
                           Optional<String> ifCommit, Optional<String> actor) {
        ObjectNode body = F.objectNode().put("query", source);
        put(body, "name", name);
        params.ifPresent(p -> body.set("params", p));
        body.put("branch", branch);
        if (ifCommit.isPresent()) {
            String u = url("mutate", "if-graph-commit");
            return api.ok(api.postJson(u, body, Map.of("Omnigraph-If-Graph-Commit", ifCommit.get())), u);
        }
        return post(url("mutate"), body);
    }

    @Override
    public JsonNode load(InputStream ndjson, String branch, Optional<String> from, String mode, Optional<String> actor,
                         LoadProgress progress) {
        Map<String, List<String>> q = HttpApi.query();
        q.put("branch", List.of(branch));
        from.ifPresent(f -> q.put("from", List.of(f)));
        q.put("mode", List.of(mode));
        String u = url(q, "load", "ndjson");
        progress.phase("uploading");
        JsonNode r = api.ok(api.postBytes(u, "application/x-ndjson", () -> ndjson), u);
        // the route answers GraphBatchLoadOutput; the CLI prints IngestOutput (uri first) in both lanes
        ObjectNode out = F.objectNode().put("uri", target());
        r.properties().forEach(e -> {
            if (!e.getKey().equals("uri")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    @Override
    public void export(Optional<String> branch, Optional<String> snapshot, List<String> types, OutputStream out) {
        if (snapshot.isPresent()) {
            throw new CliException("usage", "export --snapshot is not available against a server (the export route reads"
                    + " a branch head); export the branch, or address the graph's storage with --store", ExitCodes.USAGE);
        }
        ObjectNode body = F.objectNode().put("branch", branch.orElse("main"));
        ArrayNode t = body.putArray("type_names");
        types.forEach(t::add);
        try (InputStream in = api.postJsonStream(url("export"), body)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new CliException("remote_unreachable", "reading the export from " + target() + " failed: " + e.getMessage());
        }
    }

    @Override
    public List<String> branches() {
        List<String> out = new ArrayList<>();
        get(url("branches")).path("branches").forEach(b -> out.add(b.asText()));
        return out;
    }

    @Override
    public JsonNode createBranch(String name, String from, Optional<String> actor) {
        return post(url("branches"), F.objectNode().put("name", name).put("from", from));
    }

    @Override
    public JsonNode deleteBranch(String name, Optional<String> actor, Consumer<String> warnings) {
        String u = url("branches", name);
        return api.ok(api.delete(u), u);
    }

    @Override
    public JsonNode merge(String source, String into, boolean deleteBranch, Optional<String> actor) {
        return post(url("branches", "merge"), F.objectNode().put("source", source).put("target", into)
                .put("delete_branch", deleteBranch));
    }

    @Override
    public List<JsonNode> commits(String branch, int limit) {
        Map<String, List<String>> q = HttpApi.query();
        q.put("branch", List.of(branch));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : get(url(q, "commits")).path("commits")) {
            if (out.size() >= limit) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    @Override
    public Optional<JsonNode> commit(String id) {
        String u = url("commits", id);
        HttpApi.Response r = api.get(u);
        if (r.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(api.ok(r, u));
    }

    private static void filters(Map<String, List<String>> q, Filters f) {
        if (!f.kinds().isEmpty()) {
            q.put("kind", f.kinds());
        }
        if (!f.types().isEmpty()) {
            q.put("type", f.types());
        }
        if (!f.ops().isEmpty()) {
            q.put("op", f.ops());
        }
    }

    @Override
    public JsonNode commitChanges(String id, Filters filters, Optional<Integer> limit, Optional<String> pageToken) {
        Map<String, List<String>> q = HttpApi.query();
        pageToken.ifPresent(t -> q.put("page_token", List.of(t)));
        limit.ifPresent(l -> q.put("limit", List.of(Integer.toString(l))));
        filters(q, filters);
        return get(url(q, "commits", id, "changes"));
    }

    @Override
    public JsonNode poll(String branch, Optional<String> cursor, Optional<String> start, Optional<String> pageToken,
                         Optional<Integer> limit, Filters filters) {
        Map<String, List<String>> q = HttpApi.query();
        q.put("branch", List.of(branch));
        cursor.ifPresent(c -> q.put("cursor", List.of(c)));
        start.ifPresent(c -> q.put("start", List.of(c)));
        pageToken.ifPresent(c -> q.put("page_token", List.of(c)));
        limit.ifPresent(l -> q.put("limit", List.of(Integer.toString(l))));
        filters(q, filters);
        return get(url(q, "changes"));
    }

    @Override
    public Baseline baseline(String branch, Filters filters, OutputStream records) {
        ObjectNode body = F.objectNode().put("branch", branch);
        filters.kinds().forEach(body.withArray("kind")::add);
        filters.types().forEach(body.withArray("type")::add);
        filters.ops().forEach(body.withArray("op")::add);
        long count = 0;
        JsonNode terminal = null;
        try (InputStream in = api.postJsonStream(url("changes", "baseline"), body);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String pending = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                if (pending != null) {
                    records.write(pending.getBytes(StandardCharsets.UTF_8));
                    records.write('\n');
                    count++;
                }
                pending = line;
            }
            if (pending != null) {
                JsonNode last = io.omnigraph.server.api.WireJson.readTree(pending.getBytes(StandardCharsets.UTF_8));
                if (last.has("baseline")) {
                    terminal = last.get("baseline");
                } else {
                    records.write(pending.getBytes(StandardCharsets.UTF_8));
                    records.write('\n');
                    count++;
                }
            }
        } catch (IOException e) {
            throw new CliException("remote_unreachable", "reading the baseline from " + target() + " failed: " + e.getMessage());
        }
        if (terminal == null) {
            throw new CliException("remote_protocol", "the baseline stream from " + target() + " ended without its final"
                    + " {\"baseline\": …} record (the server stopped mid-stream); nothing was written, no cursor was issued");
        }
        return new Baseline(terminal, count);
    }

    @Override
    public String schemaSource(String branch) {
        if (!branch.equals("main")) {
            throw new CliException("usage", "schema show --branch " + branch + " is not available against a server (it"
                    + " serves the schema in force on main)", ExitCodes.USAGE);
        }
        return get(url("schema")).path("schema_source").asText();
    }

    @Override
    public JsonNode applySchema(String source, boolean allowDataLoss, Optional<String> actor) {
        return post(url("schema", "apply"), F.objectNode().put("schema_source", source).put("allow_data_loss", allowDataLoss));
    }

    private String blobUrl(BlobRef ref) {
        Map<String, List<String>> q = HttpApi.query();
        q.put("entity", List.of(ref.entity()));
        q.put("type", List.of(ref.type()));
        q.put("id", List.of(ref.id()));
        q.put("property", List.of(ref.property()));
        ref.branch().ifPresent(b -> q.put("branch", List.of(b)));
        ref.snapshot().ifPresent(c -> q.put("snapshot", List.of(c)));
        return url(q, "blob");
    }

    private static BlobStat stat(java.net.http.HttpResponse<?> r, long fullLength) {
        String snapshot = r.headers().firstValue("Omnigraph-Snapshot-Id").orElse("");
        if (r.statusCode() == 302) {
            return new BlobStat(snapshot, Optional.empty(), Optional.empty(), r.headers().firstValue("Location"));
        }
        Optional<String> etag = r.headers().firstValue("ETag").map(t -> t.replace("\"", ""));
        return new BlobStat(snapshot, etag, Optional.of(fullLength), Optional.empty());
    }

    @Override
    public BlobStat blobStat(BlobRef ref) {
        String u = blobUrl(ref);
        HttpApi.Response r = api.head(u);
        if (r.status() != 200 && r.status() != 302) {
            // HEAD carries no error body: ask again with GET for the server's message
            HttpApi.Response g = api.get(u);
            throw RemoteError.of(g.status(), g.body(), u);
        }
        return stat(r.raw(), r.raw().headers().firstValueAsLong("Content-Length").orElse(0));
    }

    @Override
    public BlobStat blobGet(BlobRef ref, long offset, Optional<Long> length, OutputStream out) {
        String u = blobUrl(ref);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        BlobText.rangeHeader(offset, length).ifPresent(h -> headers.put("Range", h));
        java.net.http.HttpResponse<InputStream> r = api.getStream(u, headers);
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            if (status == 302) {
                throw BlobText.external(ref, r.headers().firstValue("Location").orElse("?"));
            }
            if (status != 200 && status != 206) {
                throw RemoteError.of(status, in.readAllBytes(), u);
            }
            long full = status == 206 ? r.headers().firstValue("Content-Range").map(c -> Long.parseLong(c.substring(
                    c.lastIndexOf('/') + 1))).orElse(-1L) : r.headers().firstValueAsLong("Content-Length").orElse(-1);
            in.transferTo(out);
            out.flush();
            return stat(r, full);
        } catch (IOException e) {
            throw new CliException("remote_unreachable", "reading the Blob from " + u + " failed: " + e.getMessage());
        }
    }

    /** {@code QueriesCatalogOutput} of the graph ({@code GET …/queries}). */
    public JsonNode storedQueries() {
        return get(url("queries"));
    }

    /** Names of the graph's stored queries ({@code GET …/queries}). */
    public List<String> storedQueryNames() {
        List<String> out = new ArrayList<>();
        get(url("queries")).path("queries").forEach(q -> out.add(q.path("name").asText()));
        return out;
    }

    /** The same server without a graph (the bare server URL). */
    public RemotePlane root() {
        return new RemotePlane(api, Optional.empty());
    }

    /** {@code GET /graphs} of the bare server. */
    public JsonNode graphs() {
        String u = api.url(List.of("graphs"), Map.of());
        return api.ok(api.get(u), u);
    }

    @Override
    public void close() {
        // java.net.http clients need no closing on Java 21
    }
}
