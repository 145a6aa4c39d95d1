package io.omnigraph.reliability.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One step of a universe: what a client asks the engine to do. */
sealed interface Op {
    /** The kind, for statistics and crash-point coverage. */
    String kind();

    /** The branch whose data the op changes, if any. */
    Optional<String> writes();

    /** One NDJSON record: a keyed node (id = name) or an edge with an explicit id. */
    record Rec(String type, String id, boolean edge, String from, String to, Map<String, Object> props) {
    }

    record Load(String branch, String mode, List<Rec> records) implements Op {
        public String kind() {
            return "load_" + mode;
        }

        public Optional<String> writes() {
            return Optional.of(branch);
        }
    }

    record Insert(String branch, String type, String name, Map<String, Object> props) implements Op {
        public String kind() {
            return "insert";
        }

        public Optional<String> writes() {
            return Optional.of(branch);
        }
    }

    record Update(String branch, String type, String name, String prop, Object value) implements Op {
        public String kind() {
            return "update";
        }

        public Optional<String> writes() {
            return Optional.of(branch);
        }
    }

    record DeleteNode(String branch, String type, String name) implements Op {
        public String kind() {
            return "delete_node";
        }

        public Optional<String> writes() {
            return Optional.of(branch);
        }
    }

    record DeleteEdgesFrom(String branch, String edge, String src) implements Op {
        public String kind() {
            return "delete_edges";
        }

        public Optional<String> writes() {
            return Optional.of(branch);
        }
    }

    record CreateBranch(String name, String from) implements Op {
        public String kind() {
            return "branch_create";
        }

        public Optional<String> writes() {
            return Optional.empty();
        }
    }

    record DeleteBranch(String name) implements Op {
        public String kind() {
            return "branch_delete";
        }

        public Optional<String> writes() {
            return Optional.empty();
        }
    }

    record Merge(String source, String target) implements Op {
        public String kind() {
            return "merge";
        }

        public Optional<String> writes() {
            return Optional.of(target);
        }
    }

    record SchemaApply(SimSchema next) implements Op {
        public String kind() {
            return "schema_apply";
        }

        public Optional<String> writes() {
            return Optional.of("main");
        }
    }

    record Optimize() implements Op {
        public String kind() {
            return "optimize";
        }

        public Optional<String> writes() {
            return Optional.of("main");
        }
    }
}
