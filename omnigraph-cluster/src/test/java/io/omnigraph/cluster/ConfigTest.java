package io.omnigraph.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cluster.config.ConfigLoader;
import io.omnigraph.cluster.config.DesiredCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.omnigraph.cluster.Fixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

/** cluster.yaml strictness, the three query forms, policy bindings, ids and digest stability (spec §1). */
class ConfigTest {
    @TempDir
    Path tmp;

    private JsonNode validate(Fixture f) {
        return f.validate();
    }

    @Test
    void reservedRemovedDuplicateAndUnknownKeysFailLoudly() {
        Fixture f = new Fixture(tmp);
        f.write("cluster.yaml", "version: 1\ngraphs: {}\npipelines: {}\n");
        assertThat(codes(validate(f))).containsExactly("future_phase_field");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    streaming: {}\n");
        assertThat(codes(validate(f))).containsExactly("removed_streaming_declaration");
        f.write("cluster.yaml", "version: 1\nversion: 1\n");
        JsonNode dup = validate(f);
        assertThat(codes(dup)).containsExactly("duplicate_yaml_key");
        assertThat(dup.path("diagnostics").get(0).path("message").asText()).contains("line 2");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    shema: x\n");
        JsonNode unk = validate(f);
        assertThat(codes(unk)).contains("invalid_cluster_yaml");
        assertThat(unk.path("diagnostics").toString()).contains("graphs.k.shema");
        f.write("cluster.yaml", "version: 2\n");
        assertThat(codes(validate(f))).contains("unsupported_cluster_config_version");
        f.write("cluster.yaml", "version: 1\nstate: { backend: s3 }\nmetadata: { name: '  ' }\nstorage: 's3://'\n");
        assertThat(codes(validate(f))).contains("unsupported_state_backend", "empty_metadata_name", "invalid_storage_root");
    }

    @Test
    void graphIdsMustAlsoBeValidForTheServer() {
        Fixture f = new Fixture(tmp);
        f.write("cluster.yaml", "version: 1\ngraphs:\n  my_graph: { schema: people.pg }\n  graphs: { schema: people.pg }\n");
        JsonNode v = validate(f);
        assertThat(codes(v)).containsExactly("invalid_resource_id", "invalid_resource_id");
        assertThat(v.path("diagnostics").toString()).contains("URL path segments").contains("reserved");
    }

    @Test
    void queryFormsDiscoveryAndErrors() {
        Fixture f = new Fixture(tmp);
        f.write("queries/a.gq", Fixture.PEOPLE_GQ);
        f.write("queries/b.gq", "query by_age($a: I32) {\n    match { $p: Person { age: $a } }\n    return { $p.name }\n}\n"
                + "query all_people() {\n    match { $p: Person }\n    return { $p.name }\n}\n");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries: queries/\n");
        JsonNode dir = validate(f);
        assertThat(dir.path("ok").asBoolean()).as(dir.toPrettyString()).isTrue();
        assertThat(dir.path("resource_digests").has("query.k.all_people")).isTrue();
        assertThat(dir.path("resource_digests").path("query.k.all_people").asText())
                .isEqualTo(dir.path("resource_digests").path("query.k.by_age").asText());
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries: [queries/a.gq, people.gq]\n");
        assertThat(codes(validate(f))).contains("duplicate_query_name");
        f.write("queries/bad.gq", "query broken( {");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries: queries/\n");
        assertThat(codes(validate(f))).contains("query_parse_error");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n      nope: { file: people.gq }\n");
        assertThat(codes(validate(f))).contains("query_key_mismatch");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n      find_person: { file: missing.gq }\n");
        assertThat(codes(validate(f))).contains("query_file_missing");
        f.write("people2.gq", "query find_person($name: String) {\n    match { $p: Person { name: $name } }\n    return { $p.nope }\n}\n");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries: [people2.gq]\n");
        assertThat(codes(validate(f))).contains("query_typecheck_error");
        f.write("broken.pg", "node {");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: broken.pg\n    queries: [people.gq]\n");
        assertThat(codes(validate(f))).contains("schema_parse_error", "query_typecheck_skipped");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: absent.pg\n");
        assertThat(codes(validate(f))).contains("schema_file_missing");
    }

    @Test
    void queryMcpExposure() {
        Fixture f = new Fixture(tmp);
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n"
                + "      find_person: { file: people.gq, mcp: { expose: false } }\n");
        JsonNode ok = validate(f);
        assertThat(ok.path("ok").asBoolean()).as(ok.toPrettyString()).isTrue();
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n"
                + "      find_person: { file: people.gq, mcp: { expose: \"no\" } }\n");
        JsonNode wrongType = validate(f);
        assertThat(codes(wrongType)).contains("invalid_cluster_yaml");
        assertThat(wrongType.toString()).contains("graphs.k.queries.find_person.mcp.expose").contains("true or false");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n"
                + "      find_person: { file: people.gq, mcp: { hide: true } }\n");
        assertThat(validate(f).toString()).contains("unknown key `graphs.k.queries.find_person.mcp.hide`");
        f.write("cluster.yaml", "version: 1\ngraphs:\n  k:\n    schema: people.pg\n    queries:\n"
                + "      find_person: { file: people.gq, mcp: false }\n");
        assertThat(validate(f).toString()).contains("`mcp` must be a mapping");
    }

    @Test
    void policyBindingRules() {
        Fixture f = new Fixture(tmp);
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("applies_to: [knowledge]", "applies_to: [cluster, knowledge]"));
        JsonNode mixed = validate(f);
        assertThat(mixed.path("diagnostics").toString()).contains("policy_mixed_binding_kinds").contains("policies.base.applies_to");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("applies_to: [knowledge]", "applies_to: [cluster]"));
        JsonNode kind = validate(f);
        assertThat(codes(kind)).contains("policy_invalid");
        assertThat(kind.path("diagnostics").toString()).contains("policies.base.file");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("applies_to: [knowledge]", "applies_to: [elsewhere]"));
        assertThat(codes(validate(f))).contains("dangling_graph_reference");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("applies_to: [knowledge]", "applies_to: []"));
        assertThat(codes(validate(f))).contains("policy_missing_applies_to");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("applies_to: [knowledge]", "applies_to: [schema.knowledge]"));
        assertThat(codes(validate(f))).contains("wrong_kind_reference");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML + "  other:\n    file: ./base.policy.yaml\n    applies_to: [graph.knowledge]\n");
        assertThat(codes(validate(f))).contains("duplicate_policy_binding");
    }

    @Test
    void providersAndExternalBlobs() {
        Fixture f = new Fixture(tmp);
        f.write("cluster.yaml", Fixture.CLUSTER_YAML + "providers:\n  embedding:\n    a: { kind: openai, api_key: sk-123 }\n"
                + "    b: { kind: openai }\n    c: { kind: wat }\n");
        assertThat(codes(validate(f))).contains("embedding_api_key_inline", "embedding_api_key_required", "invalid_embedding_provider");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("      find_person:", "      find_person:")
                .replace("    schema: ./people.pg\n", "    schema: ./people.pg\n    embedding_provider: nope\n"
                        + "    external_blobs:\n      allow:\n        - { base: 'file:///data/', scope: server_safe }\n"));
        assertThat(codes(validate(f))).contains("dangling_embedding_provider_reference", "invalid_external_blob_base");
        f.write("cluster.yaml", Fixture.CLUSTER_YAML.replace("    schema: ./people.pg\n", "    schema: ./people.pg\n"
                + "    external_blobs:\n      allow:\n        - { base: 's3://b/k/', scope: server_safe }\n        - { base: 's3://b/k/x/', scope: embedded_only }\n"));
        assertThat(codes(validate(f))).contains("invalid_external_blob_policy");
    }

    @Test
    void digestsAreStableAndIgnoreFormatting() {
        Fixture f = new Fixture(tmp);
        DesiredCluster a = ConfigLoader.load(tmp);
        DesiredCluster b = ConfigLoader.load(tmp);
        assertThat(a.configDigest()).isEqualTo(b.configDigest()).hasSize(64);
        f.write("cluster.yaml", "# a comment\n" + Fixture.CLUSTER_YAML.replace("  name: company-brain", "  name:   company-brain   # label"));
        assertThat(ConfigLoader.load(tmp).configDigest()).isEqualTo(a.configDigest());
        f.write("people.gq", Fixture.PEOPLE_GQ + "\n");
        assertThat(ConfigLoader.load(tmp).configDigest()).isNotEqualTo(a.configDigest());
        // golden: pinned so a serialisation change that would stale every approval and ledger is caught
        f.write("people.gq", Fixture.PEOPLE_GQ);
        assertThat(ConfigLoader.load(tmp).resources().get("graph.knowledge").digest())
                .isEqualTo(io.omnigraph.cluster.json.CanonicalJson.sha256Hex("graph\0knowledge\0schema\0"
                        + io.omnigraph.cluster.json.CanonicalJson.sha256Hex(Fixture.PEOPLE_PG) + "\0query\0find_person\0"
                        + io.omnigraph.cluster.json.CanonicalJson.sha256Hex(Fixture.PEOPLE_GQ) + "\0"));
    }

    @Test
    void legacyOmnigraphYamlIsInert() {
        Fixture f = new Fixture(tmp);
        JsonNode before = validate(f);
        f.write("omnigraph.yaml", "graphs: { phantom: {} }\nbind: 0.0.0.0:9999\n:::: not yaml");
        JsonNode after = validate(f);
        assertThat(after.path("resource_digests")).isEqualTo(before.path("resource_digests"));
        assertThat(after.toString()).doesNotContain("phantom").doesNotContain("9999");
    }
}
