package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/** An applied ledger revision: its {@code state_revision} and the CAS token of the ledger bytes. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ServedRevisionOutput(
        @JsonProperty("state_revision") long stateRevision,
        @JsonProperty("state_cas") String stateCas) {
    public ServedRevisionOutput {
        Objects.requireNonNull(stateCas, "state_cas");
    }
}
