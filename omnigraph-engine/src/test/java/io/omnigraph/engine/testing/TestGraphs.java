package io.omnigraph.engine.testing;

import io.omnigraph.engine.branch.BranchHead;
import io.omnigraph.engine.commit.CommitDraft;
import io.omnigraph.engine.commit.GraphStore;
import io.omnigraph.engine.commit.GraphStoreOptions;
import io.omnigraph.engine.commit.IdSet;
import io.omnigraph.engine.commit.KeyFootprint;
import io.omnigraph.engine.commit.PendingSegment;
import io.omnigraph.engine.commit.PublishRequest;
import io.omnigraph.engine.commit.PublishResult;
import io.omnigraph.engine.commit.TableFootprint;
import io.omnigraph.engine.format.EngineClock;
import io.omnigraph.engine.format.Entropy;
import io.omnigraph.engine.format.SchemaObject;
import io.omnigraph.engine.table.ColumnSpec;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.TableData;
import io.omnigraph.engine.table.TableDataBuilder;
import io.omnigraph.engine.table.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Small schemas and write helpers shared by the engine tests. */
public final class TestGraphs {
    private TestGraphs() {
    }

    public static TableSchema person() {
        return TableSchema.node("person", "Person", List.of(
                ColumnSpec.of("name", 1, ScalarType.STRING, false),
                ColumnSpec.of("age", 2, ScalarType.I32, true)));
    }

    public static TableSchema company() {
        return TableSchema.node("company", "Company", List.of(ColumnSpec.of("name", 3, ScalarType.STRING, false)));
    }

    public static TableSchema knows() {
        return TableSchema.edge("knows", "Knows", List.of(ColumnSpec.of("since", 4, ScalarType.DATE, true)));
    }

    public static SchemaObject schema() {
        return SchemaObject.create("node Person { name: String @key, age: I32? }", null, List.of(person(), company(), knows()));
    }

    /** A schema with {@code n} small node tables t000..t{n-1}. */
    public static SchemaObject wideSchema(int n) {
        List<TableSchema> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tables.add(TableSchema.node(String.format("t%03d", i), "T" + i, List.of(ColumnSpec.of("v", 1, ScalarType.I64, true))));
        }
        return SchemaObject.create("wide " + n, null, tables);
    }

    /** Deterministic options: fixed clock advancing 1 ms per read, seeded entropy, no real sleeping. */
    public static GraphStoreOptions deterministic(long seed) {
        AtomicLong micros = new AtomicLong(1_763_000_000_000_000L);
        EngineClock clock = () -> micros.addAndGet(1000);
        return GraphStoreOptions.defaults().withClock(clock).withEntropy(Entropy.seeded(seed)).withSleeper(d -> { });
    }

    public static TableData people(String... idNameAge) {
        TableDataBuilder b = new TableDataBuilder(person());
        for (int i = 0; i < idNameAge.length; i += 3) {
            b.appendRow(idNameAge[i], idNameAge[i + 1], idNameAge[i + 2] == null ? null : Integer.parseInt(idNameAge[i + 2]));
        }
        return b.build();
    }

    /** Strict-inserts people rows on a branch head and publishes with key-level rebase. */
    public static PublishResult insertPeople(GraphStore g, BranchHead head, TableData rows) {
        PendingSegment seg = g.encodeData(rows);
        CommitDraft draft = CommitDraft.builder("load").message("insert " + rows.rowCount())
                .append(seg, rows.rowCount())
                .footprint(KeyFootprint.of("person", TableFootprint.strictInserts(IdSet.of(rows.ids()))))
                .build();
        return g.publish(PublishRequest.of(head, draft));
    }

    public static Optional<String> noActor() {
        return Optional.empty();
    }
}
