package io.omnigraph.engine.load;

import io.omnigraph.engine.table.ColumnBuilder;

import java.util.function.Supplier;

/**
 * Mints the ids of keyless nodes and of edges without {@code data.id} during a load. {@link #appendNext} lets the bulk
 * edge path write an id's UTF-8 bytes straight into the id column; it must append exactly what {@link #get()} would
 * have returned next (the same sequence). Used by one loading thread at a time.
 */
public interface IdMinter extends Supplier<String> {

    /** Appends the next id to {@code ids}. */
    default void appendNext(ColumnBuilder.Strings ids) {
        ids.append(get());
    }

    /** Wraps a plain supplier. */
    static IdMinter of(Supplier<String> ids) {
        return ids instanceof IdMinter m ? m : ids::get;
    }
}
