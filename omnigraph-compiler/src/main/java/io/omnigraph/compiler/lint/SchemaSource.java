package io.omnigraph.compiler.lint;

import java.util.Objects;

/** Where the schema of a lint run came from: a {@code .pg} file ({@code path}) or a graph ({@code uri}). */
public record SchemaSource(String kind, String location) {
    public SchemaSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }

    public static SchemaSource file(String path) {
        return new SchemaSource("file", path);
    }

    public static SchemaSource graph(String uri) {
        return new SchemaSource("graph", uri);
    }
}
