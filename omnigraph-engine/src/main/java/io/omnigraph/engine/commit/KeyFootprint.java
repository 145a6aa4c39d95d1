package io.omnigraph.engine.commit;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key-level footprint of a whole draft (per table), used to decide after a lost ref compare-and-swap whether the
 * draft can be re-applied on the new head ({@link Rebasers#keyLevel()}). {@link #unknown()} means "no key
 * information": any concurrent change to a table the draft changes is then a conflict.
 */
public record KeyFootprint(Map<String, TableFootprint> tables, boolean keyed) {
    public KeyFootprint {
        tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    public static KeyFootprint unknown() {
        return new KeyFootprint(Map.of(), false);
    }

    public static KeyFootprint of(Map<String, TableFootprint> tables) {
        return new KeyFootprint(tables, true);
    }

    public static KeyFootprint of(String tableKey, TableFootprint footprint) {
        return of(Map.of(tableKey, footprint));
    }

    public Optional<TableFootprint> table(String tableKey) {
        return Optional.ofNullable(tables.get(tableKey));
    }

    public KeyFootprint with(String tableKey, TableFootprint footprint) {
        Map<String, TableFootprint> m = new TreeMap<>(tables);
        m.put(tableKey, footprint);
        return new KeyFootprint(m, keyed);
    }
}
