package io.omnigraph.bench.compare;

import io.omnigraph.bench.social.SocialGraph;

import java.nio.file.Path;
import java.util.List;

/**
 * One database under comparison (OmniGraph, Kuzu, Neo4j). The harness ({@link CompareBench}) generates the social
 * graph once, calls {@link #prepare} (untimed: writing the system's input files), {@link #load} (timed: the bulk load
 * of the whole graph, ending with the data durable and queryable), then {@link #run} per query, cold and warm.
 *
 * <p>Contract: {@link #run} returns the result rows in the query's order, each value rendered by {@link Rows#cell}
 * so results of different systems compare equal as lists of strings.
 */
public interface GraphSystem extends AutoCloseable {
    /** Short name: {@code omnigraph}, {@code kuzu}, {@code neo4j}. */
    String name();

    /** Product and version, e.g. {@code Kuzu 0.11.2}. */
    String version();

    /** Writes whatever input the system's bulk loader reads, under {@code dir}. Not timed. */
    void prepare(SocialGraph.Data data, Path dir) throws Exception;

    /** Bulk-loads the whole graph from what {@link #prepare} wrote. Timed by the harness. */
    void load(SocialGraph.Data data, Path dir) throws Exception;

    /** Runs one of the nine queries and returns its rows, rendered. */
    List<List<String>> run(CompareQuery q) throws Exception;

    @Override
    void close() throws Exception;
}
