package io.omnigraph.engine.api;

/**
 * A summary of a graph for observers (cluster refresh/plan): identity, format, main's head and the accepted schema.
 *
 * @param schemaSourceDigest hex SHA-256 of the accepted {@code .pg} source (UTF-8)
 * @param schemaIrDigest     the compiler's semantic digest of the schema IR
 * @param schemaDigest       the stored schema object's digest ({@code sha256:…})
 */
public record GraphInfo(String uri, String graphId, int formatVersion, String mainHeadCommitId, long graphManifestVersion,
                        String schemaSource, String schemaSourceDigest, String schemaIrDigest, String schemaDigest) {
}
