package io.omnigraph.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.error.BlobRangeOutput;
import io.omnigraph.server.error.ChangeDiffRefusalOutput;
import io.omnigraph.server.error.ChangeFeedGapOutput;
import io.omnigraph.server.error.ErrorCode;
import io.omnigraph.server.error.ErrorOutput;
import io.omnigraph.server.error.ExternalBlobSourceOutput;
import io.omnigraph.server.error.KeyConflictOutput;
import io.omnigraph.server.error.MergeConflictOutput;
import io.omnigraph.server.error.PreconditionFailureOutput;
import io.omnigraph.server.error.PublishedDatasetVersionConflictOutput;
import io.omnigraph.server.error.ReadSetConflictOutput;
import io.omnigraph.server.error.RecoveryRequiredOutput;
import io.omnigraph.server.error.ResourceLimitOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wire DTO, fully populated and minimally populated, serialises to an instance of its openapi.json component
 * schema and emits no property the schema does not declare (so a misspelt optional field cannot slip through).
 */
class WireDtoSchemaTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    

    static CommitOutput commit(boolean full) {
        return full ? new CommitOutput("c1", Optional.of("main"), 3, Optional.of("c0"), Optional.of("cm"),
                Optional.of("act-a"), 1_714_000_000_000_000L, Optional.of("load"), Optional.of("nightly import"))
                : new CommitOutput("c1", Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    static ChangeCauseOutput cause(boolean full) {
        return new ChangeCauseOutput("c1", "main", 1_714_000_000_000_000L, full ? Optional.of("act") : Optional.empty(),
                full ? Optional.of("c0") : Optional.empty(), full ? Optional.of("cm") : Optional.empty());
    }

    static EntityChangeOutput change(boolean full) {
        ChangeImageOutput image = new ChangeImageOutput(N.objectNode().put("name", "a"),
                full ? Optional.of(new ChangeEndpointsOutput("Person:a", "Person:b")) : Optional.empty());
        return new EntityChangeOutput("Knows:1", full ? EntityKind.EDGE : EntityKind.NODE, new ChangeTypeOutput("t1", "Knows"),
                full ? ChangeOp.UPDATE : ChangeOp.DELETE, Optional.of(image), full ? Optional.of(image) : Optional.empty());
    }

    static ErrorOutput fullError() {
        return ErrorOutput.of(ErrorCode.CONFLICT, "everything")
                .withMergeConflicts(List.of(new MergeConflictOutput(EntityKind.NODE, "Person", Optional.of("p"),
                        MergeConflictKind.ORPHAN_EDGE, "m")))
                .withPublishedDatasetVersionConflict(new PublishedDatasetVersionConflictOutput(EntityKind.EDGE, "Knows", 1, 2))
                .withReadSetConflict(new ReadSetConflictOutput("m", Optional.of("1"), Optional.of("2")))
                .withKeyConflict(new KeyConflictOutput(EntityKind.NODE, "Person", Optional.of("p")))
                .withResourceLimit(new ResourceLimitOutput("request_body_bytes", 10, 11))
                .withBlobRange(new BlobRangeOutput(5, 9, 4))
                .withExternalBlobSource(new ExternalBlobSourceOutput("s3://b/k", "timeout"))
                .withRecoveryRequired(new RecoveryRequiredOutput("op1"))
                .withPreconditionFailure(new PreconditionFailureOutput("c1", Optional.of("c2")))
                .withChangeFeedGap(new ChangeFeedGapOutput(Optional.of("cur"), "c0"))
                .withChangeDiffRefusal(new ChangeDiffRefusalOutput(ChangeDiffRefusalReason.SCHEMA_BOUNDARY, "c1", Optional.of("Person")));
    }

    static Stream<Arguments> samples() {
        ReadTargetOutput branch = new ReadTargetOutput(Optional.of("main"), Optional.empty());
        GraphBatchDeclarationOutput decl = new GraphBatchDeclarationOutput("Person", 2);
        return Stream.of(
                Arguments.of("HealthOutput", new HealthOutput("ok", "0.1.0", 1, Optional.of("abc"))),
                Arguments.of("HealthOutput", new HealthOutput("ok", "0.1.0", 1, Optional.empty())),
                Arguments.of("GraphListResponse", new GraphListResponse(List.of(new GraphInfo("k", "s3://b/graphs/k.omni")))),
                Arguments.of("SnapshotOutput", new SnapshotOutput("main", 4, 1, List.of(new SnapshotDatasetOutput("Person",
                        EntityKind.NODE, "p", 3, 9, Optional.of("nb"))))),
                Arguments.of("ReadOutput", new ReadOutput("q", branch, 1, List.of("a"), N.arrayNode().add(1), Optional.of("c1"))),
                Arguments.of("ReadOutput", new ReadOutput("q", new ReadTargetOutput(Optional.empty(), Optional.of("c1")), 0, List.of(),
                        N.arrayNode(), Optional.empty())),
                Arguments.of("LegacyReadOutput", new ReadOutput("q", branch, 1, List.of("a"), N.arrayNode(), Optional.of("c")).toLegacy()),
                Arguments.of("ChangeOutput", new ChangeOutput("main", "m", 1, 2, Optional.of("act"), Optional.of(commit(true)))),
                Arguments.of("ChangeOutput", new ChangeOutput("main", "m", 0, 0, Optional.empty(), Optional.empty())),
                Arguments.of("InvokeStoredQueryResponse", new ChangeOutput("main", "m", 0, 0, Optional.empty(), Optional.of(commit(false)))),
                Arguments.of("InvokeStoredQueryResponse", new ReadOutput("q", branch, 0, List.of(), N.arrayNode(), Optional.empty())),
                Arguments.of("CommitOutput", commit(true)),
                Arguments.of("CommitOutput", commit(false)),
                Arguments.of("CommitListOutput", new CommitListOutput(List.of(commit(true), commit(false)))),
                Arguments.of("QueriesCatalogOutput", new QueriesCatalogOutput(List.of(new QueryCatalogEntry("f", "f",
                        Optional.of("d"), Optional.of("i"), true, List.of(
                        new ParamDescriptor("v", ParamKind.VECTOR, Optional.empty(), Optional.of(3), false),
                        new ParamDescriptor("l", ParamKind.LIST, Optional.of(ParamKind.DATE), Optional.empty(), true)))))),
                Arguments.of("SchemaOutput", new SchemaOutput("node A {}")),
                Arguments.of("SchemaApplyOutput", new SchemaApplyOutput("u", true, false, 1, 2, List.of(N.objectNode().put("kind", "add_property")))),
                Arguments.of("IngestOutput", new IngestOutput("u", "b", Optional.of("main"), true, LoadMode.APPEND,
                        List.of(decl), List.of(), 2, Optional.of("act"), Optional.of(commit(true)))),
                Arguments.of("GraphBatchLoadOutput", new IngestOutput("u", "b", Optional.empty(), false, LoadMode.MERGE, List.of(),
                        List.of(decl), 2, Optional.empty(), Optional.empty()).withoutUri()),
                Arguments.of("BranchListOutput", new BranchListOutput(List.of("a", "main"))),
                Arguments.of("BranchDiffOutput", new BranchDiffOutput("f", "main", "c2", "c1", Optional.of("c0"), Optional.of(2L),
                        Optional.of(1L), List.of(change(true), change(false)), true)),
                Arguments.of("BranchDiffOutput", new BranchDiffOutput("f", "main", "c2", "c1", Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of(), false)),
                Arguments.of("BranchCreateOutput", new BranchCreateOutput("u", "main", "f", Optional.of("act"))),
                Arguments.of("BranchDeleteOutput", new BranchDeleteOutput("u", "f", Optional.empty())),
                Arguments.of("BranchMergeOutput", new BranchMergeOutput("f", "main", BranchMergeOutcome.MERGED, Optional.of("a"),
                        Optional.of(false), Optional.of("denied"))),
                Arguments.of("BranchMergeOutput", new BranchMergeOutput("f", "main", BranchMergeOutcome.ALREADY_UP_TO_DATE,
                        Optional.empty(), Optional.empty(), Optional.empty())),
                Arguments.of("CommitChangesOutput", new CommitChangesOutput(cause(true), List.of(change(true), change(false)),
                        Optional.of("next"))),
                Arguments.of("ChangeFeedOutput", new ChangeFeedOutput(List.of(new ChangeBlockOutput(cause(false),
                        List.of(change(true)))), Optional.empty(), Optional.of("cur"), Optional.of(true))),
                Arguments.of("ChangeFeedOutput", new ChangeFeedOutput(List.of(), Optional.of("p2"), Optional.empty(), Optional.empty())),
                Arguments.of("ChangeBaselineRecord", new ChangeBaselineRecord(new ChangeBaselineOutput("c1", "cur"))),
                Arguments.of("ErrorOutput", fullError()),
                Arguments.of("ErrorOutput", ErrorOutput.message("plain")),
                Arguments.of("ChangeErrorOutput", ErrorOutput.message("gap").withChangeFeedGap(new ChangeFeedGapOutput(Optional.empty(), "c0")))
        );
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("samples")
    void serialisesToItsSchema(String schema, Object dto) throws Exception {
        String json = WireJson.writeString(dto);
        OpenApiContract contract = OpenApiContract.get();
        assertThat(contract.schemaProblems(schema, json)).as(json).isEmpty();
        assertThat(contract.undeclaredProperties(schema, WireJson.mapper().readTree(json))).as(json).isEmpty();
    }

    @Test
    void absentOptionalsAndEmptyColumnsAreOmitted() throws Exception {
        JsonNode read = WireJson.mapper().readTree(WireJson.write(new ReadOutput("q",
                new ReadTargetOutput(Optional.of("main"), Optional.empty()), 0, List.of(), N.arrayNode(), Optional.empty())));
        assertThat(fieldNames(read)).containsExactly("query_name", "target", "row_count", "rows");
        assertThat(fieldNames(read.get("target"))).containsExactly("branch");

        JsonNode error = WireJson.mapper().readTree(WireJson.write(ErrorOutput.of(ErrorCode.NOT_FOUND, "x")));
        assertThat(error.toString()).isEqualTo("{\"error\":\"x\",\"code\":\"not_found\"}");
    }

    @Test
    void everyFieldOfTheFullErrorUsesTheWireName() throws Exception {
        JsonNode error = WireJson.mapper().readTree(WireJson.write(fullError()));
        assertThat(fieldNames(error)).containsExactlyInAnyOrderElementsOf(fieldNames(
                OpenApiContract.get().document().at("/components/schemas/ErrorOutput/properties")));
    }

    @Test
    void enumsUseTheirWireStrings() {
        assertThat(WireJson.writeString(List.of(ErrorCode.TOO_MANY_REQUESTS, BranchMergeOutcome.ALREADY_UP_TO_DATE,
                MergeConflictKind.VALUE_CONSTRAINT_VIOLATION, ParamKind.DATETIME, ChangeDiffRefusalReason.PARENTLESS_COMMIT)))
                .isEqualTo("[\"too_many_requests\",\"already_up_to_date\",\"value_constraint_violation\",\"datetime\",\"parentless_commit\"]");
        Map<String, WireEnum[]> enums = Map.of(
                "ErrorCode", ErrorCode.values(),
                "BranchMergeOutcome", BranchMergeOutcome.values(),
                "MergeConflictKindOutput", MergeConflictKind.values(),
                "ParamKind", ParamKind.values(),
                "ChangeDiffRefusalReason", ChangeDiffRefusalReason.values(),
                "LoadMode", LoadMode.values(),
                "EntityKindOutput", EntityKind.values(),
                "BlobEntityKind", EntityKind.values(),
                "ChangeOpOutput", ChangeOp.values());
        enums.forEach((schema, values) -> assertThat(Stream.of(values).map(WireEnum::wire).toList()).as(schema)
                .containsExactlyElementsOf(textValues(OpenApiContract.get().document()
                        .at("/components/schemas/" + schema + "/enum"))));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
