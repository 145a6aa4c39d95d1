package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * A prepared write's logical authority changed before its effects (HTTP 409).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ReadSetConflictOutput(
        String member,
        Optional<String> expected,
        Optional<String> actual) {
    public ReadSetConflictOutput {
        Objects.requireNonNull(member, "member");
        expected = expected == null ? Optional.empty() : expected;
        actual = actual == null ? Optional.empty() : actual;
    }
}
