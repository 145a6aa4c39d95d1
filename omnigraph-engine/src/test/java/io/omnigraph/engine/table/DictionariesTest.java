package io.omnigraph.engine.table;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dictionary encoding of string columns: codes in first-occurrence order over a dictionary of the distinct values,
 * every row (nulls included) reads back as built, and columns past the distinct budget stay plain. Random columns
 * large enough to grow the encoder's table many times.
 */
class DictionariesTest {
    @Test
    void encodedColumnsReadBackAndNumberValuesInFirstOccurrenceOrder() {
        Random rnd = new Random(11);
        for (int iter = 0; iter < 40; iter++) {
            int rows = 512 + rnd.nextInt(60_000);
            int distinct = 1 + rnd.nextInt(Math.max(1, rows / (2 + rnd.nextInt(30))));
            boolean nulls = rnd.nextBoolean();
            ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, 16);
            List<String> values = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                String v = nulls && rnd.nextInt(10) == 0 ? null
                        : (rnd.nextBoolean() ? "p" : "é€") + rnd.nextInt(distinct) + "x".repeat(rnd.nextInt(3));
                values.add(v);
                b.appendValue(v);
            }
            StringColumn c = b.build();
            long unique = values.stream().filter(v -> v != null).distinct().count();
            for (int r = 0; r < rows; r++) {
                assertThat(c.getString(r)).isEqualTo(values.get(r));
                assertThat(c.isNull(r)).isEqualTo(values.get(r) == null);
            }
            if (c instanceof DictStringColumn d) {
                assertThat((long) d.dictionary().size()).isEqualTo(unique);
                Map<String, Integer> first = new HashMap<>();
                for (int r = 0; r < rows; r++) {
                    if (values.get(r) != null) {
                        first.putIfAbsent(values.get(r), first.size());
                        assertThat(d.code(r)).isEqualTo(first.get(values.get(r)));
                    }
                }
            } else {
                assertThat(unique).as("plain only when the values are not repetitive").isGreaterThan(rows / 4);
            }
        }
    }

    @Test
    void aColumnPastHalfDistinctStaysPlain() {
        ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, 16);
        for (int r = 0; r < 10_000; r++) {
            b.append(r < 6_000 ? "u" + r : "same");
        }
        assertThat(b.build()).isInstanceOf(Utf8Column.class);
        ColumnBuilder.Strings rep = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, 16);
        for (int r = 0; r < 10_000; r++) {
            rep.append("v" + (r % 3_000));
        }
        assertThat(rep.build()).isInstanceOf(DictStringColumn.class);
    }
}
