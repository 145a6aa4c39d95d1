package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code Omnigraph-If-Graph-Commit} precondition that no longer holds (HTTP 412); {@code actual} is absent on a branch without commits.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PreconditionFailureOutput(
        String expected,
        Optional<String> actual) {
    public PreconditionFailureOutput {
        Objects.requireNonNull(expected, "expected");
        actual = actual == null ? Optional.empty() : actual;
    }
}
