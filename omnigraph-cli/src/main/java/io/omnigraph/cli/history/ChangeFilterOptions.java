package io.omnigraph.cli.history;

import io.omnigraph.cli.data.Engines;
import io.omnigraph.engine.diff.ChangeFilter;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The repeatable change filters {@code --kind node|edge}, {@code --type T}, {@code --op insert|update|delete}. */
public final class ChangeFilterOptions {
    @Option(names = "--kind", paramLabel = "node|edge", description = "Only changes of this entity kind (repeatable).")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--type", paramLabel = "T", description = "Only changes of this type, by name (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--op", paramLabel = "insert|update|delete", description = "Only changes with this op (repeatable).")
    List<String> ops = new ArrayList<>();

    /** The filters as given (validated by the engine or the server). */
    public io.omnigraph.cli.plane.DataPlane.Filters filters() {
        return new io.omnigraph.cli.plane.DataPlane.Filters(kinds, types, ops);
    }

    public ChangeFilter filter() {
        return Engines.call(() -> ChangeFilter.parse(kinds, types, ops));
    }
}
