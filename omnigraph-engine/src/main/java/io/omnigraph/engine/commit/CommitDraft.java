package io.omnigraph.engine.commit;

import io.omnigraph.engine.format.SchemaObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A prepared write, not yet published: per-table changes, the encoded segments to upload, the key-level footprint
 * (for rebasing after a lost compare-and-swap), an optional merged parent (merge commits) and an optional new schema
 * (schema changes). Immutable; build with {@link #builder(String)}.
 *
 * @param operation short machine word recorded in the commit: {@code load}, {@code mutation}, {@code merge}, …
 */
public record CommitDraft(String operation, String message, Optional<String> actor, Map<String, TableChange> changes,
                          List<PendingSegment> uploads, KeyFootprint footprint, Optional<String> mergedParent,
                          Optional<SchemaObject> newSchema) {
    public CommitDraft {
        Objects.requireNonNull(operation);
        message = message == null ? "" : message;
        actor = actor == null ? Optional.empty() : actor;
        changes = java.util.Collections.unmodifiableMap(new TreeMap<>(changes));
        uploads = List.copyOf(uploads);
        Objects.requireNonNull(footprint);
        mergedParent = mergedParent == null ? Optional.empty() : mergedParent;
        newSchema = newSchema == null ? Optional.empty() : newSchema;
    }

    public static Builder builder(String operation) {
        return new Builder(operation);
    }

    /** A copy with other changes and footprint (used by rebasers). */
    public CommitDraft withChanges(Map<String, TableChange> newChanges, KeyFootprint newFootprint) {
        return new CommitDraft(operation, message, actor, newChanges, uploads, newFootprint, mergedParent, newSchema);
    }

    /** Mutable builder of a {@link CommitDraft}. */
    public static final class Builder {
        private final String operation;
        private String message = "";
        private Optional<String> actor = Optional.empty();
        private final Map<String, List<io.omnigraph.engine.format.SegmentRef>> appends = new LinkedHashMap<>();
        private final Map<String, Long> deltas = new LinkedHashMap<>();
        private final java.util.Set<String> estimated = new java.util.HashSet<>();
        private final Map<String, TableChange> other = new LinkedHashMap<>();
        private final List<PendingSegment> uploads = new ArrayList<>();
        private KeyFootprint footprint = KeyFootprint.unknown();
        private Optional<String> mergedParent = Optional.empty();
        private Optional<SchemaObject> newSchema = Optional.empty();

        private Builder(String operation) {
            this.operation = operation;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = Optional.ofNullable(actor);
            return this;
        }

        public Builder actor(Optional<String> actor) {
            this.actor = actor;
            return this;
        }

        /** Appends an encoded segment to its table (uploaded by publish); the delta adds to the table's live rows. */
        public Builder append(PendingSegment segment, long liveRowDelta) {
            if (other.containsKey(segment.tableKey())) {
                throw new IllegalStateException("table '" + segment.tableKey() + "' is already replaced or dropped in this draft");
            }
            appends.computeIfAbsent(segment.tableKey(), k -> new ArrayList<>()).add(segment.ref());
            deltas.merge(segment.tableKey(), liveRowDelta, Long::sum);
            uploads.add(segment);
            return this;
        }

        /** Like {@link #append(PendingSegment, long)} for a blind upsert: the delta is an upper bound. */
        public Builder appendBlind(PendingSegment segment, long liveRowDelta) {
            append(segment, liveRowDelta);
            estimated.add(segment.tableKey());
            return this;
        }

        /** Replaces a table's segments with {@code segments} (uploaded by publish), leaving {@code liveRows} live. */
        public Builder replace(String tableKey, List<PendingSegment> segments, long liveRows) {
            if (appends.containsKey(tableKey)) {
                throw new IllegalStateException("table '" + tableKey + "' already has appended segments in this draft");
            }
            List<io.omnigraph.engine.format.SegmentRef> refs = new ArrayList<>();
            for (PendingSegment s : segments) {
                if (!s.tableKey().equals(tableKey)) {
                    throw new IllegalArgumentException("segment of table '" + s.tableKey() + "' used for '" + tableKey + "'");
                }
                refs.add(s.ref());
                uploads.add(s);
            }
            other.put(tableKey, new TableChange.Replace(refs, liveRows));
            return this;
        }

        /** Sets an arbitrary change for a table whose segments are already stored (e.g. a merge reusing segments). */
        public Builder change(String tableKey, TableChange change) {
            if (appends.containsKey(tableKey)) {
                throw new IllegalStateException("table '" + tableKey + "' already has appended segments in this draft");
            }
            other.put(tableKey, change);
            return this;
        }

        public Builder footprint(KeyFootprint footprint) {
            this.footprint = footprint;
            return this;
        }

        public Builder mergedParent(String commitId) {
            this.mergedParent = Optional.of(commitId);
            return this;
        }

        public Builder newSchema(SchemaObject schema) {
            this.newSchema = Optional.of(schema);
            return this;
        }

        public CommitDraft build() {
            Map<String, TableChange> changes = new LinkedHashMap<>(other);
            for (Map.Entry<String, List<io.omnigraph.engine.format.SegmentRef>> e : appends.entrySet()) {
                changes.put(e.getKey(), new TableChange.Append(e.getValue(), deltas.get(e.getKey()),
                        !estimated.contains(e.getKey())));
            }
            return new CommitDraft(operation, message, actor, changes, uploads, footprint, mergedParent, newSchema);
        }
    }
}
