package io.omnigraph.policy.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The literal shape of a {@code *.policy.yaml} file (strictly bound; validated by {@link PolicyBundle#parse}). */
record RawBundle(Integer version,
                 Map<String, List<String>> groups,
                 @JsonProperty("protected_branches") List<String> protectedBranches,
                 List<RawRule> rules) {

    record RawRule(String id, RawAllow allow) {
    }

    record RawAllow(RawActors actors,
                    List<String> actions,
                    @JsonProperty("branch_scope") String branchScope,
                    @JsonProperty("target_branch_scope") String targetBranchScope,
                    List<String> queries) {
    }

    record RawActors(String group) {
    }
}
