package io.omnigraph.engine.merge;

import io.omnigraph.engine.diff.RowRef;
import io.omnigraph.engine.table.TableSchema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a merge changes in one table of the target: the rows whose merged value differs from the target, as upserts
 * (id → merged row) and deletes (ids present on the target, absent in the result). {@code adopted} tells that the
 * target's table was untouched since the merge base, so the merged table is exactly the source's table and the
 * merge adopts the source's segment list instead of writing rows.
 */
public record TableMergeDelta(TableSchema schema, Map<String, RowRef> upserts, Set<String> deletes, boolean adopted) {
    public TableMergeDelta {
        Objects.requireNonNull(schema);
        upserts = Collections.unmodifiableMap(new LinkedHashMap<>(upserts));
        deletes = Collections.unmodifiableSet(new TreeSet<>(deletes));
        for (String id : deletes) {
            if (upserts.containsKey(id)) {
                throw new IllegalArgumentException("id '" + id + "' both upserted and deleted");
            }
        }
    }

    public boolean isEmpty() {
        return upserts.isEmpty() && deletes.isEmpty();
    }

    public String tableKey() {
        return schema.tableKey();
    }
}
