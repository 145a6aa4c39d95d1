package io.omnigraph.server.http;

import io.omnigraph.server.api.ChangeDiffRefusalReason;
import io.omnigraph.server.api.EntityKind;
import io.omnigraph.server.api.MergeConflictKind;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.contract.OpenApiContract;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.error.ChangeDiffRefusalOutput;
import io.omnigraph.server.error.ChangeFeedGapOutput;
import io.omnigraph.server.error.ExternalBlobSourceOutput;
import io.omnigraph.server.error.KeyConflictOutput;
import io.omnigraph.server.error.MergeConflictOutput;
import io.omnigraph.server.error.PreconditionFailureOutput;
import io.omnigraph.server.error.PublishedDatasetVersionConflictOutput;
import io.omnigraph.server.error.ReadSetConflictOutput;
import io.omnigraph.server.error.RecoveryRequiredOutput;
import io.omnigraph.server.error.ResourceLimitOutput;
import io.omnigraph.server.port.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The §4.6 status mapping for every backend failure. */
class ErrorMappingTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new Failure.BadRequest("m"), 400, "bad_request", null),
                Arguments.of(new Failure.NotFound("m"), 404, "not_found", null),
                Arguments.of(new Failure.Conflict("m"), 409, "conflict", null),
                Arguments.of(new Failure.DatasetVersionConflict("m", new PublishedDatasetVersionConflictOutput(
                        EntityKind.NODE, "P", 1, 2)), 409, "conflict", "published_dataset_version_conflict"),
                Arguments.of(new Failure.ReadSetConflict("m", new ReadSetConflictOutput("x", Optional.empty(),
                        Optional.empty())), 409, "conflict", "read_set_conflict"),
                Arguments.of(new Failure.MergeConflicts("m", List.of(new MergeConflictOutput(EntityKind.EDGE, "K",
                        Optional.empty(), MergeConflictKind.ORPHAN_EDGE, "o"))), 409, "conflict", "merge_conflicts"),
                Arguments.of(new Failure.KeyConflict("m", new KeyConflictOutput(EntityKind.NODE, "P", Optional.of("p"))),
                        409, "conflict", "key_conflict"),
                Arguments.of(new Failure.ChangeDiffRefused("m", new ChangeDiffRefusalOutput(
                        ChangeDiffRefusalReason.PARENTLESS_COMMIT, "c", Optional.empty())), 409, "conflict", "change_diff_refusal"),
                Arguments.of(new Failure.ResourceLimit("m", new ResourceLimitOutput("graph_entities", 1, 2)), 413,
                        "bad_request", "resource_limit"),
                Arguments.of(new Failure.PolicyDenied("m"), 403, "forbidden", null),
                Arguments.of(new Failure.PreconditionFailed("m", new PreconditionFailureOutput("a", Optional.empty())),
                        412, null, "precondition_failure"),
                Arguments.of(new Failure.ChangeFeedGap("m", new ChangeFeedGapOutput(Optional.empty(), "c")), 410, null,
                        "change_feed_gap"),
                Arguments.of(new Failure.ExternalBlobRefused("m"), 400, "bad_request", null),
                Arguments.of(new Failure.ExternalBlobUnavailable("m", new ExternalBlobSourceOutput("s3://x", "r")), 424,
                        null, "external_blob_source"),
                Arguments.of(new Failure.RecoveryRequired("m", new RecoveryRequiredOutput("op")), 503, null,
                        "recovery_required"),
                Arguments.of(new Failure.Unavailable("m"), 503, null, null),
                Arguments.of(new Failure.Internal("m"), 500, "internal", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void mapsToStatusCodeAndField(Failure failure, int status, String code, String field) throws Exception {
        ApiException e = ErrorResponses.fromFailure(failure);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.body().code().map(c -> c.wire()).orElse(null)).isEqualTo(code);
        var json = WireJson.mapper().readTree(WireJson.write(e.body()));
        assertThat(json.path("error").asText()).isEqualTo("m");
        if (field != null) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.size()).isEqualTo(1 + (code == null ? 0 : 1) + (field == null ? 0 : 1));
        assertThat(OpenApiContract.get().schemaProblems("ErrorOutput", json.toString())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyVariantIsCovered(Failure failure) {
        assertThat(Failure.class.getPermittedSubclasses()).hasSize((int) failures().count());
        assertThat(failure).isNotNull();
    }
}
