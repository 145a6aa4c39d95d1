package io.omnigraph.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one error body of every failed request. {@code error} is a human-readable message; {@code code} is one of the
 * closed {@link ErrorCode}s or absent when the meaning rides an additive structured field (412, 410, 424, 503).
 * At most one structured field is normally set; absent ones are omitted from the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ErrorOutput(
        String error,
        Optional<ErrorCode> code,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("merge_conflicts") List<MergeConflictOutput> mergeConflicts,
        @JsonProperty("published_dataset_version_conflict") Optional<PublishedDatasetVersionConflictOutput> publishedDatasetVersionConflict,
        @JsonProperty("read_set_conflict") Optional<ReadSetConflictOutput> readSetConflict,
        @JsonProperty("key_conflict") Optional<KeyConflictOutput> keyConflict,
        @JsonProperty("resource_limit") Optional<ResourceLimitOutput> resourceLimit,
        @JsonProperty("blob_range") Optional<BlobRangeOutput> blobRange,
        @JsonProperty("external_blob_source") Optional<ExternalBlobSourceOutput> externalBlobSource,
        @JsonProperty("recovery_required") Optional<RecoveryRequiredOutput> recoveryRequired,
        @JsonProperty("precondition_failure") Optional<PreconditionFailureOutput> preconditionFailure,
        @JsonProperty("change_feed_gap") Optional<ChangeFeedGapOutput> changeFeedGap,
        @JsonProperty("change_diff_refusal") Optional<ChangeDiffRefusalOutput> changeDiffRefusal) {

    public ErrorOutput {
        Objects.requireNonNull(error, "error");
        code = code == null ? Optional.empty() : code;
        mergeConflicts = mergeConflicts == null ? List.of() : List.copyOf(mergeConflicts);
        publishedDatasetVersionConflict = orEmpty(publishedDatasetVersionConflict);
        readSetConflict = orEmpty(readSetConflict);
        keyConflict = orEmpty(keyConflict);
        resourceLimit = orEmpty(resourceLimit);
        blobRange = orEmpty(blobRange);
        externalBlobSource = orEmpty(externalBlobSource);
        recoveryRequired = orEmpty(recoveryRequired);
        preconditionFailure = orEmpty(preconditionFailure);
        changeFeedGap = orEmpty(changeFeedGap);
        changeDiffRefusal = orEmpty(changeDiffRefusal);
    }

    /** A plain error with a code and no structured detail. */
    public static ErrorOutput of(ErrorCode code, String message) {
        return message(message).withCode(code);
    }

    /** A plain error without a code (only for conditions whose meaning rides a structured field). */
    public static ErrorOutput message(String message) {
        return new ErrorOutput(message, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public ErrorOutput withCode(ErrorCode value) {
        return new ErrorOutput(error, Optional.of(value), mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withMergeConflicts(List<MergeConflictOutput> value) {
        return new ErrorOutput(error, code, value, publishedDatasetVersionConflict, readSetConflict, keyConflict,
                resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure, changeFeedGap,
                changeDiffRefusal);
    }

    public ErrorOutput withPublishedDatasetVersionConflict(PublishedDatasetVersionConflictOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, Optional.of(value), readSetConflict, keyConflict,
                resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure, changeFeedGap,
                changeDiffRefusal);
    }

    public ErrorOutput withReadSetConflict(ReadSetConflictOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, Optional.of(value),
                keyConflict, resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withKeyConflict(KeyConflictOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                Optional.of(value), resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withResourceLimit(ResourceLimitOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, Optional.of(value), blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withBlobRange(BlobRangeOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, Optional.of(value), externalBlobSource, recoveryRequired,
                preconditionFailure, changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withExternalBlobSource(ExternalBlobSourceOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, Optional.of(value), recoveryRequired, preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withRecoveryRequired(RecoveryRequiredOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, externalBlobSource, Optional.of(value), preconditionFailure,
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withPreconditionFailure(PreconditionFailureOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, externalBlobSource, recoveryRequired, Optional.of(value),
                changeFeedGap, changeDiffRefusal);
    }

    public ErrorOutput withChangeFeedGap(ChangeFeedGapOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                Optional.of(value), changeDiffRefusal);
    }

    public ErrorOutput withChangeDiffRefusal(ChangeDiffRefusalOutput value) {
        return new ErrorOutput(error, code, mergeConflicts, publishedDatasetVersionConflict, readSetConflict,
                keyConflict, resourceLimit, blobRange, externalBlobSource, recoveryRequired, preconditionFailure,
                changeFeedGap, Optional.of(value));
    }

    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }
}
