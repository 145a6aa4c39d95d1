package io.omnigraph.cluster.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

/** A mutable, ordered collector of diagnostics used while one command runs. Not thread-safe. */
public final class Diagnostics {
    private final List<ClusterDiagnostic> all = new ArrayList<>();

    public void add(ClusterDiagnostic d) {
        all.add(d);
    }

    public void addAll(List<ClusterDiagnostic> ds) {
        all.addAll(ds);
    }

    public void error(ClusterCode code, String path, String message) {
        add(ClusterDiagnostic.error(code, path, message));
    }

    public void warn(ClusterCode code, String path, String message) {
        add(ClusterDiagnostic.warning(code, path, message));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(ClusterDiagnostic::isError);
    }

    public boolean has(ClusterCode code) {
        return all.stream().anyMatch(d -> d.code() == code);
    }

    public int size() {
        return all.size();
    }

    public List<ClusterDiagnostic> list() {
        return List.copyOf(all);
    }

    public static ArrayNode toJson(List<ClusterDiagnostic> ds) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        ds.forEach(d -> a.add(d.toJson()));
        return a;
    }
}
