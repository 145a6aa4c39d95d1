package io.omnigraph.engine.snapshot;

import java.util.Objects;

/** What a read looks at: the current head of a branch, or one commit by id (time travel). */
public sealed interface ReadTarget permits ReadTarget.Branch, ReadTarget.CommitId {

    static ReadTarget branch(String name) {
        return new Branch(name);
    }

    static ReadTarget commit(String id) {
        return new CommitId(id);
    }

    record Branch(String name) implements ReadTarget {
        public Branch {
            Objects.requireNonNull(name);
        }
    }

    record CommitId(String id) implements ReadTarget {
        public CommitId {
            Objects.requireNonNull(id);
        }
    }
}
