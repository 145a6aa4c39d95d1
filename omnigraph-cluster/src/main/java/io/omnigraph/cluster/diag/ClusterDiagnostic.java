package io.omnigraph.cluster.diag;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One control-plane diagnostic: {@code {code, severity, path, message}} (spec §conventions). The path names the place
 * (a cluster.yaml key path such as {@code policies.base.applies_to}, a resource address, or a store location).
 */
public record ClusterDiagnostic(ClusterCode code, Severity severity, String path, String message) {
    public ClusterDiagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static ClusterDiagnostic error(ClusterCode code, String path, String message) {
        return new ClusterDiagnostic(code, Severity.ERROR, path, message);
    }

    public static ClusterDiagnostic warning(ClusterCode code, String path, String message) {
        return new ClusterDiagnostic(code, Severity.WARNING, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", code.code());
        o.put("severity", severity.wire());
        o.put("path", path);
        o.put("message", message);
        return o;
    }

    /** {@code ERROR <code> <path>: <message>} / {@code WARN  <code> <path>: <message>} (label padded to 5). */
    public String render() {
        String label = severity == Severity.ERROR ? "ERROR" : "WARN ";
        return label + " " + code.code() + " " + path + ": " + message;
    }
}
