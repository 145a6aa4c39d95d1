package io.omnigraph.server.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /graphs/{id}/schema/apply} (lenient); {@code allow_data_loss} defaults to {@code false}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaApplyRequest(@JsonProperty("schema_source") String schemaSource,
                                 @JsonProperty("allow_data_loss") boolean allowDataLoss) {
    public SchemaApplyRequest {
        if (schemaSource == null) {
            throw InvalidWireValueException.missing("schema_source");
        }
    }

    /** JSON creator: an absent or {@code null} {@code allow_data_loss} means {@code false}. */
    @JsonCreator
    static SchemaApplyRequest fromJson(@JsonProperty("schema_source") String schemaSource,
                                       @JsonProperty("allow_data_loss") Boolean allowDataLoss) {
        return new SchemaApplyRequest(schemaSource, Boolean.TRUE.equals(allowDataLoss));
    }
}
