package io.omnigraph.engine.diff;

import io.omnigraph.engine.table.Column;
import io.omnigraph.engine.table.Columns;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a table from rows of other tables (same column layout), keeping columns typed: select runs, then concat. */
public final class RowGather {
    private RowGather() {
    }

    public static TableData gather(TableSchema schema, List<RowRef> rows) {
        if (rows.isEmpty()) {
            return TableData.empty(schema);
        }
        List<TableData> parts = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            TableData src = rows.get(i).data();
            int j = i;
            while (j < rows.size() && rows.get(j).data() == src) {
                j++;
            }
            int[] sel = new int[j - i];
            for (int k = i; k < j; k++) {
                sel[k - i] = rows.get(k).row();
            }
            parts.add(src.rowCount() == sel.length && isIdentity(sel) ? src : src.select(sel));
            i = j;
        }
        if (parts.size() == 1) {
            return parts.get(0).withSchema(schema);
        }
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < schema.columns().size(); c++) {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (TableData p : parts) {
                pieces.add(p.column(c));
            }
            cols.add(Columns.concat(schema.columns().get(c).type(), pieces));
        }
        return TableData.ofDecoded(schema, rows.size(), cols);
    }

    private static boolean isIdentity(int[] sel) {
        return Arrays.equals(sel, java.util.stream.IntStream.range(0, sel.length).toArray());
    }
}
