package io.omnigraph.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a bundle or test file.
 *
 * @param file    the file name as given to the parser (e.g. {@code base.policy.yaml})
 * @param ruleId  the id of the rule (or test case) the problem is in, when it has one
 * @param path    the key path inside the file, e.g. {@code rules[1].allow.branch_scope}; empty for the whole file
 * @param line    1-based line, when the YAML parser reported one
 * @param message what is wrong and how to fix it
 * @param code    the stable code
 */
public record PolicyDiagnostic(String file, Optional<String> ruleId, String path, Optional<Integer> line,
                               String message, PolicyErrorCode code) {
    public PolicyDiagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
    }

    /**
     * One line: {@code base.policy.yaml:7: rule 'team-rw': rules[1].allow.branch_scope: <message> [code]}.
     */
    public String render() {
        StringBuilder sb = new StringBuilder(file);
        line.ifPresent(l -> sb.append(':').append(l));
        sb.append(": ");
        ruleId.ifPresent(id -> sb.append("rule '").append(id).append("': "));
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message).append(" [").append(code.code()).append(']');
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
