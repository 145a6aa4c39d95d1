package io.omnigraph.compiler.query;

import io.omnigraph.compiler.catalog.Catalog;
import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.query.ir.CompareOp;
import io.omnigraph.compiler.query.ir.MutationOp;
import io.omnigraph.compiler.query.ir.MutationQuery;
import io.omnigraph.compiler.query.ir.TypedExpr;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.omnigraph.compiler.query.QueryTestSupport.F1;
import static io.omnigraph.compiler.query.QueryTestSupport.error;
import static io.omnigraph.compiler.query.QueryTestSupport.mutation;
import static org.assertj.core.api.Assertions.assertThat;

/** Mutation typechecking (spec §2.7, AC10, AC11, AC14, AC15). */
class MutationCheckTest {
    static final String AC10 = """
            query insert_person($name: String, $age: I32) { insert Person { name: $name, age: $age } }
            query add_friend($from: String, $to: String) { insert Knows { from: $from, to: $to } }
            query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
            query remove_person($name: String) { delete Person where name = $name }
            query both($name: String, $age: I32, $friend: String) { insert Person { name: $name, age: $age } insert Knows { from: $name, to: $friend } }
            """;

    @Test
    void ac10MutationFileTypechecks() {
        QueryFile f = QueryCompiler.parse(AC10, "m.gq");
        assertThat(QueryCompiler.typecheckAll(f, F1)).allMatch(p -> p.isMutation());
        MutationQuery both = (MutationQuery) QueryCompiler.typecheck(f, "both", F1);
        assertThat(both.statements()).hasSize(2);
        assertThat(both.statements().get(0)).isInstanceOf(MutationOp.InsertNode.class);
        MutationOp.InsertEdge e = (MutationOp.InsertEdge) both.statements().get(1);
        assertThat(e.from()).isEqualTo(new TypedExpr.ParamRef("name", PropType.of(ScalarKind.STRING)));
        assertThat(both.operation().writes()).extracting(t -> t.kind() + ":" + t.typeName()).containsExactly("edge:Knows", "node:Person");
        MutationQuery remove = (MutationQuery) QueryCompiler.typecheck(f, "remove_person", F1);
        MutationOp.DeleteNode del = (MutationOp.DeleteNode) remove.statements().get(0);
        assertThat(del.where().column()).isEqualTo("name");
        assertThat(del.where().op()).isEqualTo(CompareOp.EQ);
        // a node delete cascades to every incident edge type: reads and writes include them
        assertThat(remove.operation().writes()).extracting(t -> t.kind() + ":" + t.typeName())
                .containsExactly("edge:Knows", "edge:WorksAt", "node:Person");
    }

    @Test
    void literalsAreConvertedToThePropertyType() {
        Catalog c = SchemaCompiler.compile("node M { name: String @key  score: F32?  n: I32?  v: Vector(3)?  at: DateTime?  "
                + "role: enum(a, b)?  tags: [I64]?  blob: Blob? }", "m.pg").catalog();
        MutationQuery m = mutation(c, "query m() { insert M { name: \"x\", score: 3, n: 7, v: [1, 2.5, 3], at: now(), role: \"a\", "
                + "tags: [1, 2], blob: \"base64:aGk=\" } }");
        List<MutationOp.Assignment> a = ((MutationOp.InsertNode) m.statements().get(0)).assignments();
        assertThat(a.get(1).value()).isEqualTo(new TypedExpr.Literal(Value.real(3.0), PropType.of(ScalarKind.F32)));
        assertThat(a.get(3).value()).isEqualTo(new TypedExpr.Literal(new Value.Vector(new float[]{1f, 2.5f, 3f}), PropType.vector(3)));
        assertThat(a.get(4).value()).isEqualTo(new TypedExpr.Now());
        assertThat(m.usesNow()).isTrue();
        assertThat(a.get(7).value()).isEqualTo(new TypedExpr.Literal(new Value.BlobBytes("hi".getBytes()), PropType.of(ScalarKind.BLOB)));
        assertThat(error(c, "query m() { insert M { name: \"x\", n: 99999999999 } }").getMessage())
                .isEqualTo("type error: T3: property 'n' value 99999999999 exceeds Int32 range");
        assertThat(error(c, "query m() { insert M { name: \"x\", n: 2.5 } }").code()).isEqualTo(CompilerErrorCode.T3);
        assertThat(error(c, "query m() { insert M { name: \"x\", role: \"superadmin\" } }").getMessage())
                .isEqualTo("type error: T3: value 'superadmin' for M.role expects one of [a, b]");
        assertThat(error(c, "query m() { insert M { name: \"x\", v: [1, 2] } }").getMessage())
                .contains("expects 3 dimensions, got 2");
        assertThat(error(c, "query m($v: Vector(4)) { insert M { name: \"x\", v: $v } }").code()).isEqualTo(CompilerErrorCode.T7);
        assertThat(error(c, "query m() { insert M { name: \"x\", at: \"2024-01-01\" } }").first().hint())
                .hasValueSatisfying(h -> assertThat(h).contains("datetime("));
    }

    @Test
    void ac15KeyMembersCannotBeUpdated() {
        Catalog c = SchemaCompiler.compile("node Membership { tenant: String  slot: U32  label: String  @key(tenant, slot) }", "m.pg").catalog();
        mutation(c, "query up($t: String, $s: U32, $l: String) { insert Membership { tenant: $t, slot: $s, label: $l } }");
        mutation(c, "query up($t: String, $l: String) { update Membership set { label: $l } where tenant = $t }");
        assertThat(error(c, "query up($s: U32) { update Membership set { slot: $s } where tenant = \"acme\" }").getMessage())
                .contains("cannot update @key property 'slot'");
    }

    @Test
    void deleteEdgesByEndpointsAndKeylessNodesById() {
        MutationQuery m = mutation(F1, "query d($person: String) { delete WorksAt where from = $person }");
        MutationOp.DeleteEdge d = (MutationOp.DeleteEdge) m.statements().get(0);
        assertThat(d.where().column()).isEqualTo("src");
        assertThat(d.where().property()).isEmpty();
        Catalog c = SchemaCompiler.compile("node Note { text: String }", "n.pg").catalog();
        MutationQuery byId = mutation(c, "query d($id: String) { delete Note where id = $id }");
        assertThat(((MutationOp.DeleteNode) byId.statements().get(0)).where().column()).isEqualTo("id");
    }

    @Test
    void embedTargetsMayBeOmittedWhenTheirSourceIsAssigned() {
        // languages.md §2.7: T12 lets an @embed target be omitted when its source is assigned (the engine computes it)
        Catalog c = SchemaCompiler.compile("node Doc { slug: String @key  body: String?  e: Vector(2) @embed(body) }", "d.pg").catalog();
        mutation(c, "query m() { insert Doc { slug: \"a\", body: \"b\" } }");
        assertThat(error(c, "query m() { insert Doc { slug: \"a\" } }").first().hint())
                .hasValueSatisfying(h -> assertThat(h).contains("assign its @embed source 'body'"));
        Catalog nullable = SchemaCompiler.compile("node Doc { slug: String @key  body: String  e: Vector(2)? @embed(body) }", "d.pg").catalog();
        mutation(nullable, "query m() { insert Doc { slug: \"a\", body: \"b\" } }");
    }

    @Test
    void nodeAndEdgeSharingANameResolveToTheNodeFirst() {
        Catalog c = SchemaCompiler.compile("node Tag { n: String @key }  edge Tag: Tag -> Tag", "t.pg").catalog();
        MutationQuery m = mutation(c, "query m() { insert Tag { n: \"x\" } }");
        assertThat(m.statements().get(0)).isInstanceOf(MutationOp.InsertNode.class);
    }
}
