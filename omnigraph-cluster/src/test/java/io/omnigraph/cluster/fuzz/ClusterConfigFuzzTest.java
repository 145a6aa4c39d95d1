package io.omnigraph.cluster.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.omnigraph.cluster.config.ConfigLoader;
import io.omnigraph.cluster.config.DesiredCluster;
import io.omnigraph.cluster.diag.ClusterDiagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer target for {@code cluster.yaml}: any text, next to valid schema, query and policy files. Loading must return
 * a {@link DesiredCluster} whose problems are diagnostics with a code, a path and a message — never an exception.
 * Regression inputs: {@code src/test/resources/io/omnigraph/cluster/fuzz/ClusterConfigFuzzTestInputs/clusterYaml/};
 * fuzz with {@code JAZZER_FUZZ=1}.
 */
class ClusterConfigFuzzTest {
    static final Path DIR = fixtureDir();

    private static Path fixtureDir() {
        try {
            Path d = Files.createTempDirectory("cluster-fuzz");
            d.toFile().deleteOnExit();
            Files.writeString(d.resolve("people.pg"), "node Person {\n    name: String @key\n    age: I32?\n}\n");
            Files.writeString(d.resolve("people.gq"), "query find_person($name: String) {\n    match { $p: Person { name: $name } }\n"
                    + "    return { $p.name, $p.age }\n}\n");
            Files.writeString(d.resolve("base.policy.yaml"), "version: 1\ngroups:\n  ops: [andrew]\nrules:\n  - id: ops-change\n"
                    + "    allow:\n      actors: { group: ops }\n      actions: [change]\n");
            Files.createDirectories(d.resolve("queries"));
            Files.writeString(d.resolve("queries/q.gq"), "query all() {\n    match { $p: Person }\n    return { $p.name }\n}\n");
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void clusterYaml(byte[] data) throws IOException {
        Files.write(DIR.resolve("cluster.yaml"), data);
        DesiredCluster c = ConfigLoader.load(DIR);
        if (c == null || c.diagnostics() == null) {
            throw new AssertionError("load returned no result");
        }
        for (ClusterDiagnostic d : c.diagnostics()) {
            if (d.code() == null || d.message() == null || d.message().isBlank() || d.path() == null) {
                throw new AssertionError("diagnostic without code, path or message: " + d);
            }
        }
        if (c.ok() && (c.header() == null || c.configDigest() == null)) {
            throw new AssertionError("an accepted config without header or digest");
        }
    }
}
