package io.omnigraph.compiler.schema;

import io.omnigraph.compiler.TestResources;
import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.catalog.EdgeType;
import io.omnigraph.compiler.catalog.IndexKind;
import io.omnigraph.compiler.catalog.NodeType;
import io.omnigraph.compiler.catalog.PhysicalColumn;
import io.omnigraph.compiler.schema.ir.ConstraintDef;
import io.omnigraph.compiler.schema.ir.EmbedDef;
import io.omnigraph.compiler.schema.ir.PropertyDef;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCompilerTest {

    static CompiledSchema rich() {
        return SchemaCompiler.compile(TestResources.text("schemas/rich.pg"), "rich.pg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"test.pg", "context.pg", "search.pg", "signals.pg"})
    void everySharedFixtureCompiles(String name) {
        CompiledSchema s = SchemaCompiler.compile(TestResources.fixture(name), name);
        assertThat(s.catalog().nodeTypes()).isNotEmpty();
        assertThat(s.source()).isEqualTo(TestResources.fixture(name));
    }

    @Test
    void f1CatalogMatchesTheSpec() {
        Catalog c = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg").catalog();
        assertThat(c.nodeTypes()).extracting(NodeType::name).containsExactly("Company", "Person");
        assertThat(c.edgeTypes()).extracting(EdgeType::name).containsExactly("Knows", "WorksAt");
        NodeType person = c.nodeType("Person").orElseThrow();
        assertThat(person.tableKey()).isEqualTo("node:Person");
        assertThat(person.columns()).extracting(PhysicalColumn::name).containsExactly("id", "age", "name");
        assertThat(person.isKeyed()).isTrue();
        assertThat(person.keyProperties()).extracting(PropertyDef::name).containsExactly("name");
        assertThat(person.property("age").orElseThrow().type()).isEqualTo(PropType.of(ScalarKind.I32).asNullable());
        EdgeType knows = c.edgeTypeIgnoreCase("knows").orElseThrow();
        assertThat(knows.name()).isEqualTo("Knows");
        assertThat(knows.columns()).extracting(PhysicalColumn::name).containsExactly("id", "src", "dst", "since");
        assertThat(knows.isSymmetric()).isTrue();
        assertThat(c.edgeTypeIgnoreCase("WORKSAT")).isPresent();
        assertThat(c.edgeType("knows")).isEmpty();
        assertThat(c.edgesIncidentTo("Company")).extracting(EdgeType::name).containsExactly("WorksAt");
        assertThat(c.typeById(person.typeId())).contains(person);
    }

    @Test
    void freshIdsFollowKindNameThenPropertyNameOrder() {
        CompiledSchema s = SchemaCompiler.compile(TestResources.fixture("test.pg"), "test.pg");
        Catalog c = s.catalog();
        // types: nodes (Company, Person) then edges (Knows, WorksAt)
        assertThat(c.nodeType("Company").orElseThrow().typeId()).isEqualTo(1);
        assertThat(c.nodeType("Person").orElseThrow().typeId()).isEqualTo(2);
        assertThat(c.edgeType("Knows").orElseThrow().typeId()).isEqualTo(3);
        assertThat(c.edgeType("WorksAt").orElseThrow().typeId()).isEqualTo(4);
        // properties by (owner id, name): Company.name, Person.age, Person.name, Knows.since
        assertThat(c.nodeType("Company").orElseThrow().property("name").orElseThrow().propertyId()).isEqualTo(5);
        assertThat(c.nodeType("Person").orElseThrow().property("age").orElseThrow().propertyId()).isEqualTo(6);
        assertThat(c.nodeType("Person").orElseThrow().property("name").orElseThrow().propertyId()).isEqualTo(7);
        assertThat(c.edgeType("Knows").orElseThrow().property("since").orElseThrow().propertyId()).isEqualTo(8);
        // then tables
        assertThat(c.nodeType("Company").orElseThrow().tableIncarnationId()).isEqualTo(9);
        assertThat(c.edgeType("WorksAt").orElseThrow().tableIncarnationId()).isEqualTo(12);
        assertThat(s.ir().nextIdentityId()).isEqualTo(13);
    }

    @Test
    void compositeKeyMembersAreOrderedByPropertyId() {
        NodeType m = rich().catalog().nodeType("Membership").orElseThrow();
        assertThat(m.keyProperties()).extracting(PropertyDef::name).containsExactly("tenant", "slot");
        assertThat(m.keyPropertiesById()).extracting(PropertyDef::name).containsExactly("slot", "tenant");
    }

    @Test
    void richSchemaCarriesEveryFeature() {
        Catalog c = rich().catalog();
        NodeType p = c.nodeType("Person").orElseThrow();
        assertThat(p.implementsList()).containsExactly("Named", "Timestamped");
        assertThat(p.description()).contains("a human");
        assertThat(p.instruction()).contains("address people by name");
        assertThat(p.annotation("owner")).contains("crm");
        // interface expansion: injected name (with @key), created_at, updated_at (with @index)
        PropertyDef name = p.property("name").orElseThrow();
        assertThat(name.injected()).isTrue();
        assertThat(name.interfaces()).containsExactly("Named");
        assertThat(name.description()).contains("display name");
        assertThat(p.keyProperties()).extracting(PropertyDef::name).containsExactly("name");
        assertThat(p.indexes()).contains(List.of("updated_at"), List.of("embedding"));
        assertThat(p.property("role").orElseThrow().type().enumValues()).containsExactly("admin", "guest", "member", "read-only");
        assertThat(p.property("tags").orElseThrow().type()).isEqualTo(PropType.listOf(ScalarKind.STRING));
        assertThat(p.property("embedding").orElseThrow().embed())
                .contains(new EmbedDef("bio", Optional.of("text-embedding-3-small")));
        assertThat(p.ranges()).containsExactly(
                new ConstraintDef.Range("age", Optional.of(BigDecimal.ZERO), Optional.of(new BigDecimal("120"))),
                new ConstraintDef.Range("height", Optional.of(new BigDecimal("0.5")), Optional.empty()),
                new ConstraintDef.Range("wide", Optional.empty(), Optional.of(new BigDecimal("-1"))));
        assertThat(p.checks()).containsExactly(new ConstraintDef.Check("email", "^[^@]+@[^@]+$"));
        assertThat(p.uniques()).containsExactly(List.of("email"), List.of("bio", "born"));
        assertThat(p.columns().get(0).name()).isEqualTo("id");
        assertThat(p.columns().stream().skip(1).map(PhysicalColumn::name).toList()).isSorted();
        EdgeType knows = c.edgeType("Knows").orElseThrow();
        assertThat(knows.uniques()).containsExactly(List.of("src", "dst"));
        assertThat(c.edgeType("WorksAt").orElseThrow().cardinality().display()).isEqualTo("0..1");
        assertThat(c.edgeType("Holds").orElseThrow().cardinality().display()).isEqualTo("1..*");
        assertThat(c.interfaceType("Named")).isPresent();
        assertThat(Catalog.indexKind(p.property("bio").orElseThrow().type())).isEqualTo(IndexKind.FULL_TEXT);
        assertThat(Catalog.indexKind(p.property("role").orElseThrow().type())).isEqualTo(IndexKind.BTREE);
        assertThat(Catalog.indexKind(p.property("embedding").orElseThrow().type())).isEqualTo(IndexKind.VECTOR);
        assertThat(Catalog.indexKind(p.property("tags").orElseThrow().type())).isEqualTo(IndexKind.NONE);
        assertThat(Catalog.indexKind(p.property("photo").orElseThrow().type())).isEqualTo(IndexKind.NONE);
    }

    @Test
    void blankSchemaIsValid() {
        CompiledSchema s = SchemaCompiler.compile("  // nothing here\n", "blank.pg");
        assertThat(s.catalog().nodeTypes()).isEmpty();
        assertThat(s.ir().nextIdentityId()).isEqualTo(1);
    }

    @Test
    void propertyLevelAndBodyLevelSpellingsNormalizeToTheSameConstraint() {
        CompiledSchema a = SchemaCompiler.compile("node P { name: String @key  t: String @index }", "a.pg");
        CompiledSchema b = SchemaCompiler.compile("node P { name: String  t: String  @key(name) @index(t) }", "b.pg");
        assertThat(a.ir()).isEqualTo(b.ir());
        assertThat(a.schemaDigest()).isEqualTo(b.schemaDigest());
        assertThat(a.sourceDigest()).isNotEqualTo(b.sourceDigest());
    }

    @Test
    void propertyKeyWithParenthesesIsReadAsABodyConstraint() {
        // PEG: `name: String @key(name)` is the property followed by a separate body constraint
        CompiledSchema s = SchemaCompiler.compile("node P { name: String @key(name) }", "p.pg");
        assertThat(s.catalog().nodeType("P").orElseThrow().keyProperties()).extracting(PropertyDef::name).containsExactly("name");
    }

    @Test
    void keywordsArePrefixMatchedWithoutWordBoundary() {
        CompiledSchema s = SchemaCompiler.compile("nodeP{}edgeE:P->P", "p.pg");
        assertThat(s.catalog().nodeType("P")).isPresent();
        assertThat(s.catalog().edgeType("E")).isPresent();
    }

    @Test
    void nodeAndEdgeMayShareAName() {
        CompiledSchema s = SchemaCompiler.compile("node Tag { n: String }  edge Tag: Tag -> Tag", "p.pg");
        assertThat(s.catalog().nodeType("Tag")).isPresent();
        assertThat(s.catalog().edgeType("Tag")).isPresent();
    }

    @Test
    void storedJsonRoundTrips() {
        CompiledSchema s = rich();
        CompiledSchema back = CompiledSchema.fromStoredJson("rich.pg", s.toStoredJson());
        assertThat(back.ir()).isEqualTo(s.ir());
        assertThat(back.source()).isEqualTo(s.source());
        assertThat(back.schemaDigest()).isEqualTo(s.schemaDigest());
        assertThat(back.catalog().nodeType("Person").orElseThrow().keyPropertiesById())
                .isEqualTo(s.catalog().nodeType("Person").orElseThrow().keyPropertiesById());
    }

    @Test
    void unknownAnnotationsAreKeptAsMetadata() {
        CompiledSchema s = SchemaCompiler.compile("node P @team(core, lead=\"ann\") { n: String @pii @since(3) }", "p.pg");
        NodeType p = s.catalog().nodeType("P").orElseThrow();
        assertThat(p.annotations().get(0).name()).isEqualTo("team");
        assertThat(p.annotations().get(0).value()).contains("core");
        assertThat(p.annotations().get(0).kwargs()).containsEntry("lead", "ann");
        assertThat(p.property("n").orElseThrow().annotations()).extracting(a -> a.name()).containsExactly("pii", "since");
        assertThat(p.property("n").orElseThrow().annotation("since")).contains("3");
    }
}
