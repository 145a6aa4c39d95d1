package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvolveTest {
    static final String F1 = TestResources.fixture("test.pg");

    static CompiledSchema accepted() {
        return SchemaCompiler.compile(F1, "test.pg");
    }

    @Test
    void unchangedSchemaKeepsEveryIdAndDigest() {
        CompiledSchema a = accepted();
        CompiledSchema b = SchemaCompiler.evolve("// reformatted\n" + F1.replace("\n", "\n\n"), "test.pg", a.ir());
        assertThat(b.ir()).isEqualTo(a.ir());
        assertThat(b.schemaDigest()).isEqualTo(a.schemaDigest());
    }

    @Test
    void newTypesAndPropertiesGetIdsFromTheCounter() {
        CompiledSchema a = accepted();
        String next = F1.replace("age: I32?", "age: I32?\n    nickname: String?") + "\nnode Tag { label: String @key }\n";
        CompiledSchema b = SchemaCompiler.evolve(next, "test.pg", a.ir());
        Catalog c = b.catalog();
        assertThat(c.nodeType("Person").orElseThrow().typeId()).isEqualTo(2);
        assertThat(c.nodeType("Person").orElseThrow().property("name").orElseThrow().propertyId()).isEqualTo(7);
        // new type id first (13), then new properties by (owner id, name): Person.nickname (14), Tag.label (15), then Tag table
        assertThat(c.nodeType("Tag").orElseThrow().typeId()).isEqualTo(13);
        assertThat(c.nodeType("Person").orElseThrow().property("nickname").orElseThrow().propertyId()).isEqualTo(14);
        assertThat(c.nodeType("Tag").orElseThrow().property("label").orElseThrow().propertyId()).isEqualTo(15);
        assertThat(c.nodeType("Tag").orElseThrow().tableIncarnationId()).isEqualTo(16);
        assertThat(b.ir().nextIdentityId()).isEqualTo(17);
    }

    @Test
    void renameFromKeepsTypeAndTableIdentity() {
        CompiledSchema a = accepted();
        NodeType person = a.catalog().nodeType("Person").orElseThrow();
        String next = F1.replace("node Person {", "node Human @rename_from(\"Person\") {")
                .replace("Person -> Person", "Human -> Human").replace("Person -> Company", "Human -> Company");
        CompiledSchema b = SchemaCompiler.evolve(next, "test.pg", a.ir());
        NodeType human = b.catalog().nodeType("Human").orElseThrow();
        assertThat(human.typeId()).isEqualTo(person.typeId());
        assertThat(human.tableIncarnationId()).isEqualTo(person.tableIncarnationId());
        assertThat(human.property("age").orElseThrow().propertyId()).isEqualTo(person.property("age").orElseThrow().propertyId());
        assertThat(b.ir().nextIdentityId()).isEqualTo(a.ir().nextIdentityId());
    }

    @Test
    void propertyRenameKeepsPropertyId() {
        CompiledSchema a = accepted();
        CompiledSchema b = SchemaCompiler.evolve(F1.replace("age: I32?", "years: I32? @rename_from(\"age\")"), "test.pg", a.ir());
        assertThat(b.catalog().nodeType("Person").orElseThrow().property("years").orElseThrow().propertyId()).isEqualTo(6);
    }

    @Test
    void dropAndReAddGetsNewIdentity() {
        CompiledSchema a = accepted();
        String without = F1.replace("age: I32?", "");
        CompiledSchema b = SchemaCompiler.evolve(without, "test.pg", a.ir());
        CompiledSchema c = SchemaCompiler.evolve(F1, "test.pg", b.ir());
        assertThat(c.catalog().nodeType("Person").orElseThrow().property("age").orElseThrow().propertyId()).isEqualTo(13);
    }

    @Test
    void renameHintOnInitIsInertAndOnExactMatchIgnored() {
        String s = "node P @rename_from(\"Old\") { n: String @rename_from(\"m\") }";
        CompiledSchema a = SchemaCompiler.compile(s, "p.pg");
        CompiledSchema b = SchemaCompiler.evolve(s, "p.pg", a.ir());
        assertThat(b.ir()).isEqualTo(a.ir());
    }

    @Test
    void renameErrors() {
        CompiledSchema a = accepted();
        assertRename(a, F1.replace("node Company {", "node Firm @rename_from(\"Nope\") {").replace("-> Company", "-> Firm"),
                "matches no accepted node type");
        assertRename(a, F1.replace("node Company {", "node Firm @rename_from(\"Knows\") {").replace("-> Company", "-> Firm"),
                "a rename cannot change the kind");
        assertRename(a, F1 + "\nnode Firm @rename_from(\"Company\") { name: String }", "Company is still declared");
        assertRename(a, F1.replace("age: I32?", "years: I32? @rename_from(\"since\")"),
                "moving a property across types is not supported");
        assertRename(a, F1.replace("age: I32?", "years: I32? @rename_from(\"nope\")"), "has no property 'nope'");
        assertRename(a, F1.replace("age: I32?", "age: I32?  years: I32? @rename_from(\"age\")"), "'age' is still declared");
        assertRename(a, F1.replace("age: I32?", "a1: I32? @rename_from(\"age\")  a2: I32? @rename_from(\"age\")"), "already renamed from it");
        assertRename(a, F1 + "\nnode Tag { label: String @rename_from(\"name\") }", "Tag is a new type");
    }

    private static void assertRename(CompiledSchema accepted, String desired, String fragment) {
        assertThatThrownBy(() -> SchemaCompiler.evolve(desired, "next.pg", accepted.ir()))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.code()).isEqualTo(CompilerErrorCode.INVALID_RENAME);
                    assertThat(e.getMessage()).startsWith("catalog error: ").contains(fragment);
                });
    }
}
