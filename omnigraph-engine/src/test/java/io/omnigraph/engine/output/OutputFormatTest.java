package io.omnigraph.engine.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnigraph.compiler.types.PropType;
import io.omnigraph.compiler.types.ScalarKind;
import io.omnigraph.compiler.types.Value;
import io.omnigraph.compiler.types.Values;
import io.omnigraph.engine.query.QueryResult;
import io.omnigraph.engine.query.QueryTarget;
import io.omnigraph.engine.query.ResultColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden tests of the row JSON values, the read envelope and every {@code --format} (languages.md §4). */
class OutputFormatTest {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("p.name", PropType.of(ScalarKind.STRING)),
            new ResultColumn("p.age", PropType.of(ScalarKind.I32).asNullable()),
            new ResultColumn("born", PropType.of(ScalarKind.DATE)),
            new ResultColumn("seen", PropType.of(ScalarKind.DATETIME)),
            new ResultColumn("ratio", PropType.of(ScalarKind.F32)),
            new ResultColumn("tags", PropType.listOf(ScalarKind.STRING)));

    static QueryResult people() {
        return new QueryResult("people", QueryTarget.branch("main"), COLUMNS, List.of(
                List.of(new Value.Text("Alice"), new Value.Int(30), new Value.Date(19_723),
                        new Value.DateTime(1_717_243_200_123L), new Value.Real(0.1f), new Value.Array(List.of(new Value.Text("a"), new Value.Text("b")))),
                List.of(new Value.Text("Bob, \"the\" builder\nline 2"), Value.NULL, new Value.Date(0),
                        new Value.DateTime(0), new Value.Real(Double.NaN), new Value.Array(List.of()))),
                Optional.of("01KCOMMIT"));
    }

    @Test
    void rowValuesFollowTheSpec() {
        assertThat(ReadOutput.rows(people(), Values.NumberStyle.NATIVE).toString()).isEqualTo(
                "[{\"p.name\":\"Alice\",\"p.age\":30,\"born\":\"2024-01-01\",\"seen\":\"2024-06-01T12:00:00.123Z\","
                        + "\"ratio\":0.10000000149011612,\"tags\":[\"a\",\"b\"]},"
                        + "{\"p.name\":\"Bob, \\\"the\\\" builder\\nline 2\",\"p.age\":null,\"born\":\"1970-01-01\","
                        + "\"seen\":\"1970-01-01T00:00:00.000Z\",\"ratio\":\"NaN\",\"tags\":[]}]");
        List<ResultColumn> more = List.of(new ResultColumn("v", PropType.vector(3)), new ResultColumn("big", PropType.of(ScalarKind.I64)),
                new ResultColumn("inf", PropType.of(ScalarKind.F64)));
        QueryResult r = new QueryResult("m", QueryTarget.snapshot("01KSNAP"), more, List.of(List.of(
                new Value.Vector(new float[]{0.5f, Float.NaN, 1f}), new Value.Int(9_007_199_254_740_993L), new Value.Real(Double.NEGATIVE_INFINITY))),
                Optional.empty());
        assertThat(ReadOutput.rows(r, Values.NumberStyle.NATIVE).toString())
                .isEqualTo("[{\"v\":[0.5,null,1.0],\"big\":9007199254740993,\"inf\":\"-Infinity\"}]");
        assertThat(ReadOutput.rows(r, Values.NumberStyle.JS_SAFE).toString())
                .isEqualTo("[{\"v\":[0.5,null,1.0],\"big\":\"9007199254740993\",\"inf\":\"-Infinity\"}]");
        assertThat(ReadOutput.envelope(r).toString()).isEqualTo("{\"query_name\":\"m\",\"target\":{\"branch\":null,"
                + "\"snapshot\":\"01KSNAP\"},\"row_count\":1,\"columns\":[\"v\",\"big\",\"inf\"],\"rows\":"
                + "[{\"v\":[0.5,null,1.0],\"big\":9007199254740993,\"inf\":\"-Infinity\"}]}");
    }

    @Test
    void json() {
        assertThat(OutputFormat.JSON.render(people())).isEqualTo("""
                {
                  "query_name": "people",
                  "target": {
                    "branch": "main",
                    "snapshot": null
                  },
                  "row_count": 2,
                  "columns": [
                    "p.name",
                    "p.age",
                    "born",
                    "seen",
                    "ratio",
                    "tags"
                  ],
                  "rows": [
                    {
                      "p.name": "Alice",
                      "p.age": 30,
                      "born": "2024-01-01",
                      "seen": "2024-06-01T12:00:00.123Z",
                      "ratio": 0.10000000149011612,
                      "tags": [
                        "a",
                        "b"
                      ]
                    },
                    {
                      "p.name": "Bob, \\"the\\" builder\\nline 2",
                      "p.age": null,
                      "born": "1970-01-01",
                      "seen": "1970-01-01T00:00:00.000Z",
                      "ratio": "NaN",
                      "tags": []
                    }
                  ],
                  "graph_commit_id": "01KCOMMIT"
                }
                """);
    }

    @Test
    void jsonl() {
        assertThat(OutputFormat.JSONL.render(people())).isEqualTo("""
                {"kind":"metadata","query_name":"people","target":{"branch":"main","snapshot":null},"row_count":2}
                {"p.name":"Alice","p.age":30,"born":"2024-01-01","seen":"2024-06-01T12:00:00.123Z","ratio":0.10000000149011612,"tags":["a","b"]}
                {"p.name":"Bob, \\"the\\" builder\\nline 2","p.age":null,"born":"1970-01-01","seen":"1970-01-01T00:00:00.000Z","ratio":"NaN","tags":[]}
                """);
    }

    @Test
    void csv() {
        assertThat(OutputFormat.CSV.render(people())).isEqualTo("""
                p.name,p.age,born,seen,ratio,tags
                Alice,30,2024-01-01,2024-06-01T12:00:00.123Z,0.10000000149011612,"[""a"",""b""]"
                "Bob, ""the"" builder
                line 2",null,1970-01-01,1970-01-01T00:00:00.000Z,NaN,[]
                """);
    }

    @Test
    void table() {
        assertThat(OutputFormat.TABLE.render(people())).isEqualTo("""
                2 rows from branch main via people
                p.name                     | p.age | born       | seen                     | ratio               | tags
                ---------------------------+-------+------------+--------------------------+---------------------+----------
                Alice                      | 30    | 2024-01-01 | 2024-06-01T12:00:00.123Z | 0.10000000149011612 | ["a","b"]
                Bob, "the" builder\\nline 2 | null  | 1970-01-01 | 1970-01-01T00:00:00.000Z | NaN                 | []
                """);
        QueryResult empty = new QueryResult("none", QueryTarget.snapshot("01KSNAP"), COLUMNS.subList(0, 2), List.of(), Optional.empty());
        assertThat(OutputFormat.TABLE.render(empty)).isEqualTo("""
                0 rows from snapshot 01KSNAP via none
                p.name | p.age
                -------+------
                """);
        QueryResult noColumns = new QueryResult("none", QueryTarget.branch("main"), List.of(), List.of(), Optional.empty());
        assertThat(OutputFormat.TABLE.render(noColumns)).isEqualTo("0 rows from branch main via none\n(no rows)\n");
        String longText = "x".repeat(100);
        QueryResult wide = new QueryResult("w", QueryTarget.branch("main"), COLUMNS.subList(0, 1),
                List.of(List.of(new Value.Text(longText))), Optional.empty());
        assertThat(OutputFormat.TABLE.render(wide).lines().toList().get(3)).isEqualTo("x".repeat(79) + "…");
    }

    @Test
    void kv() {
        assertThat(OutputFormat.KV.render(people())).isEqualTo("""
                2 rows from branch main via people
                row 1
                p.name: Alice
                p.age: 30
                born: 2024-01-01
                seen: 2024-06-01T12:00:00.123Z
                ratio: 0.10000000149011612
                tags: ["a","b"]

                row 2
                p.name: Bob, "the" builder\\nline 2
                p.age: null
                born: 1970-01-01
                seen: 1970-01-01T00:00:00.000Z
                ratio: NaN
                tags: []
                """);
        QueryResult empty = new QueryResult("none", QueryTarget.branch("main"), COLUMNS.subList(0, 2), List.of(), Optional.empty());
        assertThat(OutputFormat.KV.render(empty)).isEqualTo("0 rows from branch main via none\n(no rows)\n");
    }

    @Test
    void envelopesWithoutColumnsUseTheSortedUnionOfRowKeys() throws Exception {
        var env = new ObjectMapper().readTree("{\"query_name\":\"q\",\"target\":{\"branch\":\"main\",\"snapshot\":null},"
                + "\"row_count\":2,\"rows\":[{\"b\":1,\"a\":\"x\"},{\"c\":true}]}");
        assertThat(OutputFormat.CSV.render(env)).isEqualTo("a,b,c\nx,1,null\nnull,null,true\n");
        assertThat(OutputFormat.parse("Table")).contains(OutputFormat.TABLE);
        assertThat(OutputFormat.parse("xml")).isEmpty();
    }
}
