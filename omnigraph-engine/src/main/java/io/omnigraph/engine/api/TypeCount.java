package io.omnigraph.engine.api;

/** Entities written for one type by a load (wire {@code GraphBatchDeclarationOutput}: {@code name}, {@code entities_loaded}). */
public record TypeCount(String name, long entitiesLoaded) {
}
