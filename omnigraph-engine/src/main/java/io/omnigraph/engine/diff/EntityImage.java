package io.omnigraph.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One exact logical entity image (openapi {@code ChangeImageOutput}): every user property of the entity, key
 * included, by its name at the image's schema (values rendered by {@link ImageValues}; JSON null for a null property),
 * and for an edge its endpoints. The JSON values must not be mutated.
 */
public record EntityImage(Map<String, JsonNode> properties, Optional<Endpoints> endpoints) {
    public EntityImage {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(endpoints);
    }

    /** Edge endpoints as node ids (openapi {@code ChangeEndpointsOutput}). */
    public record Endpoints(String from, String to) {
        public Endpoints {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
        }
    }
}
