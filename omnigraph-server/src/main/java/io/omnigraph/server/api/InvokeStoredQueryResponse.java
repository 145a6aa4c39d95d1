package io.omnigraph.server.api;

/**
 * Body of {@code POST /graphs/{id}/queries/{name}}: serialized untagged, so the wire shape is exactly a
 * {@link ReadOutput} (stored read) or a {@link ChangeOutput} (stored mutation).
 */
public sealed interface InvokeStoredQueryResponse permits ReadOutput, ChangeOutput {
}
