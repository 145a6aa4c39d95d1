package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared parameter of a stored query.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ParamDescriptor(
        String name,
        ParamKind kind,
        @JsonProperty("item_kind") Optional<ParamKind> itemKind,
        @JsonProperty("vector_dim") Optional<Integer> vectorDim,
        boolean nullable) {
    public ParamDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        itemKind = itemKind == null ? Optional.empty() : itemKind;
        vectorDim = vectorDim == null ? Optional.empty() : vectorDim;
    }
}
