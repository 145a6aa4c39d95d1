package io.omnigraph.engine.commit;

import io.omnigraph.engine.table.IdIndex;
import io.omnigraph.engine.table.StringColumn;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A read-only set of entity ids. Backed by a Java set for small footprints or by a {@link StringColumn} (through its
 * {@link IdIndex}) for bulk loads, so a 2.4M-row load does not copy its ids into Strings.
 */
public interface IdSet {
    int size();

    boolean contains(String id);

    /** True when the set holds {@code column[row]}; column-backed sets answer without allocating. */
    default boolean contains(StringColumn column, int row) {
        return !column.isNull(row) && contains(column.getString(row));
    }

    void forEach(Consumer<String> action);

    default boolean isEmpty() {
        return size() == 0;
    }

    /** This set minus {@code removed} plus {@code added} (used when a rebase reclassifies ids). */
    default IdSet adjusted(Set<String> removed, Set<String> added) {
        if (removed.isEmpty() && added.isEmpty()) {
            return this;
        }
        Set<String> out = new HashSet<>();
        forEach(id -> {
            if (!removed.contains(id)) {
                out.add(id);
            }
        });
        out.addAll(added);
        return of(out);
    }

    static IdSet empty() {
        return of(Set.of());
    }

    static IdSet of(String... ids) {
        return of(java.util.List.of(ids));
    }

    static IdSet of(Collection<String> ids) {
        Set<String> copy = Set.copyOf(ids);
        return new IdSet() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public boolean contains(String id) {
                return copy.contains(id);
            }

            @Override
            public void forEach(Consumer<String> action) {
                copy.forEach(action);
            }

            @Override
            public String toString() {
                return copy.toString();
            }
        };
    }

    /** All non-null ids of a column (typically the id column of the segment being written). */
    static IdSet of(StringColumn ids) {
        IdIndex index = IdIndex.build(ids);
        int distinct = 0;
        for (int r = 0; r < ids.size(); r++) {
            if (!ids.isNull(r) && index.find(ids, r) == r) {
                distinct++;
            }
        }
        int size = distinct;
        return new IdSet() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(String id) {
                return index.find(id) >= 0;
            }

            @Override
            public boolean contains(StringColumn column, int row) {
                return index.find(column, row) >= 0;
            }

            @Override
            public void forEach(Consumer<String> action) {
                for (int r = 0; r < ids.size(); r++) {
                    if (!ids.isNull(r) && index.find(ids, r) == r) {
                        action.accept(ids.getString(r));
                    }
                }
            }

            @Override
            public String toString() {
                return "IdSet[" + size + " ids]";
            }
        };
    }
}
