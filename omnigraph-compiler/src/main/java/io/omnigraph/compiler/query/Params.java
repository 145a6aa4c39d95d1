package io.omnigraph.compiler.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.compiler.query.ir.ParamSpec;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.ValueErrorCode;
import io.omnigraph.compiler.types.ValueException;
import io.omnigraph.compiler.types.ValueTarget;
import io.omnigraph.compiler.types.Values;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime parameter conversion (spec §2.3): a JSON object keyed by parameter name (without {@code $}) → typed
 * values. Declared parameters convert by their declared type ({@link Values#fromJson}, parameter wording); omitted or
 * null nullable parameters are NULL; an omitted non-nullable parameter is an error ({@code parameter 'x' not
 * provided}); undeclared keys are ignored.
 */
public final class Params {
    private Params() {
    }

    /**
     * @param declared the query's parameters ({@link io.omnigraph.compiler.query.ir.QueryPlan#params()})
     * @param json     a JSON object, or null / a missing node for "no parameters"
     * @throws ValueException for a non-object, a missing non-nullable parameter, or a value that does not convert
     */
    public static Map<String, Value> convert(List<ParamSpec> declared, JsonNode json) {
        boolean absent = json == null || json.isNull() || json.isMissingNode();
        if (!absent && !json.isObject()) {
            throw new ValueException(ValueErrorCode.TYPE_MISMATCH, "parameters must be a JSON object keyed by parameter name");
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (ParamSpec p : declared) {
            JsonNode v = absent ? null : json.get(p.name());
            if (v == null && !p.type().nullable()) {
                throw new ValueException(ValueErrorCode.NULL_NOT_ALLOWED, "parameter '" + p.name() + "' not provided");
            }
            out.put(p.name(), Values.fromJson(v, p.type(), ValueTarget.param(p.name())));
        }
        return Collections.unmodifiableMap(out);
    }
}
