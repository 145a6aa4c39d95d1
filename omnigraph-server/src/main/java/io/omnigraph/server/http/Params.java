package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.api.InvalidWireValueException;
import io.omnigraph.server.api.WireEnum;
import io.omnigraph.server.error.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Query-string parameters: single values appear at most once; lists repeat the key or separate with commas. */
final class Params {
    private Params() {
    }

    /** A single optional parameter; empty when absent. Repeating it is a 400. */
    static Optional<String> optional(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter '" + name + "' must appear at most once");
        }
        return Optional.of(values.get(0));
    }

    /** A required single parameter. */
    static String required(Context ctx, String name) {
        return optional(ctx, name).filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("missing required query parameter '" + name + "'"));
    }

    /** A non-negative integer parameter. */
    static Optional<Long> nonNegative(Context ctx, String name) {
        return optional(ctx, name).map(v -> {
            try {
                long n = Long.parseLong(v);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ApiException.badRequest("query parameter '" + name + "' must be a non-negative integer, got '"
                    + Bodies.clip(v) + "'");
        });
    }

    /** A list parameter of free strings. */
    static List<String> list(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        for (String value : ctx.queryParams(name)) {
            for (String part : value.split(",", -1)) {
                if (part.isEmpty()) {
                    throw ApiException.badRequest("query parameter '" + name + "' has an empty value");
                }
                out.add(part);
            }
        }
        return List.copyOf(out);
    }

    /** A list parameter of wire-enum values. */
    static <E extends Enum<E> & WireEnum> List<E> enumList(Context ctx, String name, E[] values) {
        List<E> out = new ArrayList<>();
        for (String v : list(ctx, name)) {
            out.add(enumValue(name, v, values));
        }
        return List.copyOf(out);
    }

    static <E extends Enum<E> & WireEnum> E enumValue(String name, String value, E[] values) {
        try {
            return WireEnum.parse(values, value);
        } catch (InvalidWireValueException e) {
            throw ApiException.badRequest("query parameter '" + name + "': " + e.getMessage());
        }
    }
}
