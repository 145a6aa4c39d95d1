package io.omnigraph.engine.query;

import io.omnigraph.compiler.query.QueryCompiler;
import io.omnigraph.compiler.query.QueryFile;
import io.omnigraph.compiler.query.ir.ReadQuery;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.query.testing.ReferenceEvaluator;
import io.omnigraph.engine.query.testing.TestGraph;
import io.omnigraph.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries over the {@code signals} and {@code context} fixtures (loaded with the real loader): hand-checked answers,
 * and every query also compared with the reference evaluator in every index mode.
 */
class FixtureQueriesTest {
    static TestGraph signals;
    static TestGraph context;

    static final String SIGNALS_GQ = """
            query indicating($p: String) { match { $pat: Pattern { slug: $p }  $s indicates $pat } return { $s.slug } }
            query strong_tech() { match { $s: Signal { strength: "strong" }  $s indicates $p  $p involves $t }
              return { $t.slug, count($s) as n } order { n desc, $t.slug } }
            query idle() { match { $c: Company  not { $c builds $_ } } return { $c.slug } order { $c.slug } }
            query partners() { match { $c: Company { slug: "aws" }  $c partnersWith{1,2} $x } return { $x.slug } }
            query growth() { match { $t: Tech  $t.tier = "growth" } return { $t.slug } order { $t.slug desc } }
            query funding() { match { $c $f:fundedBy $i } return { $c.slug, $i.slug, $f.amount } }
            query by_strength() { match { $s: Signal } return { $s.strength, count($s) as n } order { n desc } }
            query latest() { match { $s: Signal } return { $s.slug, $s.observed } order { $s.observed desc } limit 2 }
            query mentioned_by_patterns() { match { $s: Signal  $s mentions $t  not { $p involves $t  $p.category = "convergence" } }
              return { $s.slug, $t.slug } order { $s.slug, $t.slug } }
            """;
    static final String CONTEXT_GQ = """
            query owners() { match { $d: Decision  $d ownedBy $a } return { $d.slug, $a.name } }
            query trail() { match { $s: Signal  $s triggered $d  $t supports $d  $t recordedBy $r }
              return { $s.slug, $d.slug, $t.slug, $r.name } }
            query quiet() { match { $a: Actor  not { $t recordedBy $a } } return { $a.slug } order { $a.slug } }
            query urgent() { match { $d: Decision { urgency: "high" } } return { $d.slug, $d.status } }
            query private_signals() { match { $x: Signal  $x.title contains "private" } return { $x.slug, $x.observed_at } }
            """;

    @BeforeAll
    static void load() {
        signals = TestGraph.create(Fixtures.text("engine/signals.pg"));
        signals.load(Fixtures.text("engine/signals.jsonl"), LoadMode.OVERWRITE);
        context = TestGraph.create(Fixtures.text("engine/context.pg"));
        context.load(Fixtures.text("engine/context.jsonl"), LoadMode.OVERWRITE);
    }

    @AfterAll
    static void close() {
        signals.close();
        context.close();
    }

    static List<String> rows(TestGraph g, String gq, String name, String params) {
        return TestGraph.json(g.run(gq, name, params)).stream().map(Object::toString).toList();
    }

    @Test
    void signalsFixture() {
        assertThat(rows(signals, SIGNALS_GQ, "indicating", "{\"p\":\"alt-chip-breakout\"}")).containsExactlyInAnyOrder(
                "{\"s.slug\":\"aws-cerebras-inference\"}", "{\"s.slug\":\"oracle-cerebras-mention\"}", "{\"s.slug\":\"cerebras-23b-round\"}");
        assertThat(rows(signals, SIGNALS_GQ, "strong_tech", null)).containsExactly("{\"t.slug\":\"cs3\",\"n\":3}",
                "{\"t.slug\":\"trainium\",\"n\":3}", "{\"t.slug\":\"grok\",\"n\":1}", "{\"t.slug\":\"vast-ai-os\",\"n\":1}");
        assertThat(rows(signals, SIGNALS_GQ, "idle", null)).containsExactly("{\"c.slug\":\"anthropic\"}",
                "{\"c.slug\":\"benchmark\"}", "{\"c.slug\":\"nvidia\"}", "{\"c.slug\":\"openai\"}", "{\"c.slug\":\"oracle\"}");
        assertThat(rows(signals, SIGNALS_GQ, "partners", null)).containsExactlyInAnyOrder("{\"x.slug\":\"cerebras\"}",
                "{\"x.slug\":\"openai\"}");
        assertThat(rows(signals, SIGNALS_GQ, "growth", null)).containsExactly("{\"t.slug\":\"vast-ai-os\"}",
                "{\"t.slug\":\"trainium\"}", "{\"t.slug\":\"cs3\"}");
        assertThat(rows(signals, SIGNALS_GQ, "funding", null))
                .containsExactly("{\"c.slug\":\"cerebras\",\"i.slug\":\"benchmark\",\"f.amount\":\"$225M\"}");
        assertThat(rows(signals, SIGNALS_GQ, "by_strength", null)).containsExactly("{\"s.strength\":\"strong\",\"n\":4}",
                "{\"s.strength\":\"moderate\",\"n\":1}");
        assertThat(rows(signals, SIGNALS_GQ, "latest", null)).containsExactly(
                "{\"s.slug\":\"xai-field-engineers\",\"s.observed\":\"2026-03-20\"}",
                "{\"s.slug\":\"aws-cerebras-inference\",\"s.observed\":\"2026-03-13\"}");
        assertThat(rows(signals, SIGNALS_GQ, "mentioned_by_patterns", null)).containsExactly(
                "{\"s.slug\":\"xai-field-engineers\",\"t.slug\":\"grok\"}");
    }

    @Test
    void contextFixture() {
        assertThat(rows(context, CONTEXT_GQ, "owners", null))
                .containsExactly("{\"d.slug\":\"launch-private-ai-offering\",\"a.name\":\"Owner\"}");
        assertThat(rows(context, CONTEXT_GQ, "trail", null)).containsExactly("{\"s.slug\":\"private-ai-platform-signal\","
                + "\"d.slug\":\"launch-private-ai-offering\",\"t.slug\":\"competitor-signal-note\",\"r.name\":\"Researcher\"}");
        assertThat(rows(context, CONTEXT_GQ, "quiet", null)).containsExactly("{\"a.slug\":\"analyst\"}",
                "{\"a.slug\":\"operator\"}", "{\"a.slug\":\"owner\"}", "{\"a.slug\":\"reviewer\"}", "{\"a.slug\":\"sponsor\"}");
        assertThat(rows(context, CONTEXT_GQ, "urgent", null))
                .containsExactly("{\"d.slug\":\"launch-private-ai-offering\",\"d.status\":\"proposed\"}");
        assertThat(rows(context, CONTEXT_GQ, "private_signals", null))
                .containsExactly("{\"x.slug\":\"private-ai-platform-signal\",\"x.observed_at\":\"2026-03-27\"}");
    }

    @Test
    void everyFixtureQueryMatchesTheReferenceInEveryMode() {
        check(signals, SIGNALS_GQ, Map.of("indicating", "alt-chip-breakout"));
        check(context, CONTEXT_GQ, Map.of());
        check(signals, Fixtures.text("engine/test.gq").replace("Person", "Company").replace("$p.age", "$p.slug"), Map.of());
    }

    private static void check(TestGraph g, String gq, Map<String, String> stringParam) {
        QueryFile file = QueryCompiler.parse(gq, "fixture.gq");
        SnapshotGraph graph = g.graph();
        for (String name : file.names()) {
            ReadQuery q;
            try {
                q = (ReadQuery) QueryCompiler.typecheck(file, name, graph.catalog());
            } catch (io.omnigraph.compiler.diag.CompileException e) {
                continue; // the test.gq rewrite leaves some queries ill-typed on this schema
            }
            Map<String, Value> params = new HashMap<>();
            q.params().forEach(p -> params.put(p.name(), new Value.Text(stringParam.getOrDefault(name, "cerebras"))));
            List<List<Value>> expected = new ReferenceEvaluator(graph, params, 0).run(q, false);
            for (IndexMode mode : IndexMode.values()) {
                QueryRows actual = QueryExecutor.execute(q, graph, params, ExecOptions.defaults().withIndexMode(mode).withNow(0));
                if (q.ordering().keys().isEmpty()) {
                    assertThat(actual.rows()).as(name).containsExactlyInAnyOrderElementsOf(expected);
                } else {
                    assertThat(actual.rows()).as(name).containsExactlyElementsOf(expected);
                }
            }
        }
    }
}
