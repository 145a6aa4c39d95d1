package io.omnigraph.compiler.migrate;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.lint.SchemaLintCode;
import io.omnigraph.compiler.schema.CompiledSchema;
import io.omnigraph.compiler.schema.SchemaCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Migration planning (spec §1.7, AC18). */
class MigrationPlannerTest {
    static final String F1 = TestResources.fixture("test.pg");

    static MigrationPlan plan(String from, String to) {
        return plan(from, to, false);
    }

    static MigrationPlan plan(String from, String to, boolean allowDataLoss) {
        CompiledSchema accepted = SchemaCompiler.compile(from, "old.pg");
        return MigrationPlanner.plan(accepted, to, "new.pg", allowDataLoss).plan();
    }

    static List<String> json(MigrationPlan p) {
        return p.steps().stream().map(s -> s.toJson().toString()).toList();
    }

    @Test
    void identicalSchemaHasNoSteps() {
        MigrationPlan p = plan(F1, "// same\n" + F1);
        assertThat(p.supported()).isTrue();
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.toJson().toString()).isEqualTo("{\"supported\":true,\"steps\":[]}");
    }

    @Test
    void ac18aAddNullableProperty() {
        MigrationPlan p = plan(F1, F1.replace("age: I32?", "age: I32?\n    nickname: String?"));
        assertThat(p.supported()).isTrue();
        assertThat(json(p)).containsExactly("{\"kind\":\"add_property\",\"type_kind\":\"node\",\"type_name\":\"Person\","
                + "\"property_name\":\"nickname\",\"property_type\":{\"scalar\":\"String\",\"nullable\":true,\"list\":false,\"enum_values\":null}}");
        assertThat(p.render()).containsExactly("add property 'Person.nickname' (String?) on node 'Person'");
    }

    @Test
    void ac18bAddRequiredPropertyIsUnsupported() {
        MigrationPlan p = plan(F1, F1.replace("age: I32?", "age: I32?\n    email: String"));
        assertThat(p.supported()).isFalse();
        MigrationStep.Unsupported u = p.unsupported().get(0);
        assertThat(u.entity()).isEqualTo("node:Person.email");
        assertThat(u.code()).contains(SchemaLintCode.OG_MF_103);
        assertThat(u.toJson().get("code").asText()).isEqualTo("OG-MF-103");
        assertThat(u.render()).startsWith("unsupported change on node:Person.email [OG-MF-103, validated]: adding required property");
        assertThat(p.refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("[OG-MF-103] adding required property 'Person.email'"));
    }

    @Test
    void ac18cTypeChangeIsUnsupported() {
        MigrationPlan p = plan(F1.replace("age: I32?", "age: I64?"), F1);
        assertThat(p.supported()).isFalse();
        assertThat(p.unsupported().get(0).code()).contains(SchemaLintCode.OG_MF_106);
        assertThat(p.unsupported().get(0).reason()).contains("from I64? to I32?");
        assertThat(plan(F1, F1.replace("age: I32?", "age: I32")).supported()).isFalse();
    }

    @Test
    void ac18dEnumWidening() {
        String base = "node Ticket { slug: String @key  status: enum(todo, doing, done) }";
        MigrationPlan wide = plan(base, base.replace("done)", "done, blocked, canceled)"));
        assertThat(wide.supported()).isTrue();
        assertThat(json(wide)).containsExactly("{\"kind\":\"extend_enum\",\"type_kind\":\"node\",\"type_name\":\"Ticket\","
                + "\"property_name\":\"status\",\"added_values\":[\"blocked\",\"canceled\"]}");
        assertThat(wide.render()).containsExactly("extend enum 'Ticket.status' (+blocked, +canceled) on node 'Ticket'");
        assertThat(plan(base, base.replace("todo, doing, done", "done, todo, doing")).isEmpty()).isTrue();
        MigrationPlan narrow = plan(base, base.replace(", done", ""));
        assertThat(narrow.unsupported().get(0).code()).contains(SchemaLintCode.OG_MF_106);
        MigrationPlan renameWiden = plan(base, base.replace("status: enum(todo, doing, done)",
                "state: enum(todo, doing, done, blocked) @rename_from(\"status\")"));
        assertThat(renameWiden.steps()).extracting(MigrationStep::kind).containsExactly("rename_property", "extend_enum");
        assertThat(((MigrationStep.ExtendEnum) renameWiden.steps().get(1)).propertyName()).isEqualTo("state");
        assertThat(plan(base, base.replace("enum(todo, doing, done)", "String")).supported()).isFalse();
    }

    @Test
    void ac18eDropsAreSoftUnlessDataLossIsAllowed() {
        String without = F1.replace("node Company {\n    name: String @key\n}", "").replace("edge WorksAt: Person -> Company", "");
        MigrationPlan soft = plan(F1, without);
        assertThat(soft.supported()).isTrue();
        assertThat(json(soft)).containsExactly("{\"kind\":\"drop_type\",\"type_kind\":\"node\",\"name\":\"Company\",\"mode\":\"soft\"}",
                "{\"kind\":\"drop_type\",\"type_kind\":\"edge\",\"name\":\"WorksAt\",\"mode\":\"soft\"}");
        assertThat(soft.render()).containsExactly("drop node type 'Company' (soft mode)", "drop edge type 'WorksAt' (soft mode)");
        assertThat(json(plan(F1, without, true))).allMatch(s -> s.contains("\"mode\":\"hard\""));
        MigrationPlan dropProp = plan(F1, F1.replace("age: I32?", ""));
        assertThat(dropProp.render()).containsExactly("drop property 'Person.age' from node 'Person' (soft mode)");
    }

    @Test
    void renamesOfTypesAndProperties() {
        String next = F1.replace("node Person {", "node Human @rename_from(\"Person\") {")
                .replace("Person -> Person", "Human -> Human").replace("Person -> Company", "Human -> Company")
                .replace("age: I32?", "years: I32? @rename_from(\"age\")");
        MigrationPlan p = plan(F1, next);
        assertThat(p.supported()).isTrue();
        assertThat(json(p)).containsExactly(
                "{\"kind\":\"rename_type\",\"type_kind\":\"node\",\"from\":\"Person\",\"to\":\"Human\"}",
                "{\"kind\":\"rename_property\",\"type_kind\":\"node\",\"type_name\":\"Human\",\"from\":\"age\",\"to\":\"years\"}");
        assertThat(p.render()).containsExactly("rename node type 'Person' to 'Human'",
                "rename property 'Human.age' to 'Human.years' on node 'Human'");
    }

    @Test
    void indexAdditionsAreSupportedOtherConstraintChangesAreNot() {
        MigrationPlan idx = plan(F1, F1.replace("age: I32?", "age: I32? @index"));
        assertThat(json(idx)).containsExactly("{\"kind\":\"add_constraint\",\"type_kind\":\"node\",\"type_name\":\"Person\","
                + "\"constraint\":{\"Index\":[\"age\"]}}");
        assertThat(idx.render()).containsExactly("add constraint @index(age) on node 'Person'");
        assertThat(plan(F1, F1.replace("age: I32?", "age: I32? @unique")).supported()).isFalse();
        assertThat(plan(F1.replace("age: I32?", "age: I32? @index"), F1).supported()).isFalse();
        assertThat(plan(F1, F1.replace("age: I32?", "age: I32?\n    @range(age, 0..120)")).unsupported().get(0).reason())
                .contains("adding @range(age, 0..120)");
        // moving an index between property-level and body-level spelling is not a change
        assertThat(plan(F1.replace("age: I32?", "age: I32? @index"), F1.replace("age: I32?", "age: I32?\n    @index(age)")).isEmpty()).isTrue();
        // renaming a property keeps its constraints
        assertThat(plan(F1.replace("age: I32?", "age: I32? @index"), F1.replace("age: I32?", "years: I32? @index @rename_from(\"age\")"))
                .steps()).extracting(MigrationStep::kind).containsExactly("rename_property");
    }

    @Test
    void metadataChanges() {
        MigrationPlan p = plan(F1, F1.replace("node Person {", "node Person @description(\"a human\") {")
                .replace("age: I32?", "age: I32? @description(\"years\")"));
        assertThat(json(p)).containsExactly(
                "{\"kind\":\"update_type_metadata\",\"type_kind\":\"node\",\"name\":\"Person\",\"annotations\":[{\"name\":\"description\",\"value\":\"a human\"}]}",
                "{\"kind\":\"update_property_metadata\",\"type_kind\":\"node\",\"type_name\":\"Person\",\"property_name\":\"age\","
                        + "\"annotations\":[{\"name\":\"description\",\"value\":\"years\"}]}");
        assertThat(plan(F1, F1.replace("node Person {", "node Person @owner(\"x\") {")).unsupported().get(0).reason())
                .isEqualTo("changing annotation @owner on node 'Person' is not supported");
    }

    @Test
    void edgeAndInterfaceChanges() {
        assertThat(plan(F1, F1.replace("edge WorksAt: Person -> Company", "edge WorksAt: Person -> Company @card(0..1)"))
                .unsupported().get(0).reason()).contains("changing @card of edge 'WorksAt' (0..* to 0..1)");
        assertThat(plan(F1, F1.replace("edge WorksAt: Person -> Company", "edge WorksAt: Company -> Person"))
                .unsupported().get(0).entity()).isEqualTo("edge:WorksAt");
        String withI = "interface Named { name: String }\nnode P implements Named { x: String? }";
        MigrationPlan add = plan("node P { name: String  x: String? }", withI);
        assertThat(add.steps()).extracting(MigrationStep::kind).containsExactly("add_type", "unsupported_change", "unsupported_change");
        assertThat(add.steps().get(0).render()).isEqualTo("add interface 'Named'");
        MigrationPlan remove = plan(withI, "node P { name: String  x: String? }");
        assertThat(remove.unsupported()).extracting(MigrationStep.Unsupported::entity).contains("interface:Named", "node:P");
        MigrationPlan widen = plan(withI, withI.replace("{ name: String }", "{ name: String  nick: String? }"));
        assertThat(widen.steps()).extracting(MigrationStep::render).containsExactly(
                "add property 'Named.nick' (String?) on interface 'Named'", "add property 'P.nick' (String?) on node 'P'");
    }

    @Test
    void stepOrderIsInterfacesNodesEdgesWithRemovalsLast() {
        String from = "node A { x: String? }  node Z { x: String? }  edge E: A -> A";
        String to = "interface I { n: String? }  node B { y: String? }  node Z { x: String?  y: String? }  edge F: Z -> Z";
        MigrationPlan p = plan(from, to);
        assertThat(p.render()).containsExactly("add interface 'I'", "add node type 'B'",
                "add property 'Z.y' (String?) on node 'Z'", "drop node type 'A' (soft mode)",
                "add edge type 'F'", "drop edge type 'E' (soft mode)");
    }

    @Test
    void addingATypeWithAnythingIsSupported() {
        MigrationPlan p = plan(F1, F1 + "\nnode Tag { label: String @key  n: I32  @range(n, 1..5) }\nedge Tagged: Person -> Tag @card(1..1)");
        assertThat(p.supported()).isTrue();
        assertThat(p.steps()).extracting(MigrationStep::kind).containsExactly("add_type", "add_type");
    }

    @Test
    void unrelatedIrsAreRejected() {
        CompiledSchema a = SchemaCompiler.compile(F1 + "\nnode X { a: String? }", "a.pg");
        CompiledSchema fresh = SchemaCompiler.compile("node P { n: String }", "b.pg");
        assertThatThrownBy(() -> MigrationPlanner.plan(a.ir(), fresh.ir(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaLintCatalogue() {
        assertThat(SchemaLintCode.fromCode("OG-MF-106")).contains(SchemaLintCode.OG_MF_106);
        assertThat(SchemaLintCode.OG_MF_106.tier()).isEqualTo(SchemaLintCode.Tier.DESTRUCTIVE);
        assertThat(SchemaLintCode.OG_DS_101.reserved()).isTrue();
        assertThat(SchemaLintCode.values()).allSatisfy(c -> {
            assertThat(c.code()).matches("OG-(DS|MF)-\\d{3}");
            assertThat(c.severity()).isEqualTo("error");
            assertThat(c.family()).isIn("DS", "MF");
        });
    }
}
