package io.omnigraph.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Normalisation of decoded request fields: JSON {@code null} and absence both become "not given". */
final class WireOptionals {
    private WireOptionals() {
    }

    static <T> Optional<T> clean(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static Optional<JsonNode> cleanJson(Optional<JsonNode> value) {
        return value == null || value.isEmpty() || value.get().isNull() ? Optional.empty() : value;
    }

    static <T> List<T> cleanList(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (T item : value) {
            if (item == null) {
                throw new InvalidWireValueException("field '" + field + "' must not contain null");
            }
        }
        return List.copyOf(value);
    }
}
