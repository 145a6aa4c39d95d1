package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.cli.support.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph mutate [NAME] (--query F.gq | -e GQ) [--params JSON | --params-file F] [--branch B]
 * [--if-commit ID] [--json]}: runs an ad-hoc {@code .gq} mutation against a graph's storage (one commit when
 * something changed). A lost {@code --if-commit} exits 4.
 */
@Command(name = "mutate", mixinStandardHelpOptions = true,
        description = {"Run a .gq mutation (insert / update / delete) as one commit.",
                "NAME selects the query when the source declares several."})
public final class MutateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The query to run.")
    Optional<String> name;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--query", paramLabel = "F.gq", description = "A .gq file.")
        Path file;

        @Option(names = "-e", paramLabel = "GQ", description = "Inline .gq source.")
        String inline;
    }

    @ArgGroup(exclusive = true)
    ParamsSource params;

    static final class ParamsSource {
        @Option(names = "--params", paramLabel = "JSON", description = "Parameters as a JSON object.")
        String json;

        @Option(names = "--params-file", paramLabel = "FILE", description = "A file holding the parameters JSON object.")
        Path file;
    }

    @Option(names = "--branch", defaultValue = "main", paramLabel = "B", description = "Target branch (default: main).")
    String branch;

    @Option(names = "--if-commit", paramLabel = "ID", description = "Run only if the branch head is this commit (else exit 4).")
    String ifCommit;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (alternative to --store).")
    String uriFlag;

    public MutateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (source == null) {
            return byName();
        }
        String text = source.file != null ? CompilerOutput.read(source.file, "query_file_missing", "--query") : source.inline;
        String fileName = source.file != null ? source.file.toString() : "<-e>";
        JsonNode p = parseParams();
        JsonNode r;
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), true)) {
            r = io.omnigraph.cli.plane.Planes.call(context, json, plane, () -> plane.mutate(text, fileName, name,
                    Optional.ofNullable(p), branch, Optional.ofNullable(ifCommit), target.actor()));
        }
        if (json) {
            context.printJson(r);
        } else {
            Render.change(context.out(), r);
        }
        return 0;
    }

    /** The catalog lane: {@code mutate NAME} runs the stored mutation NAME of the served graph. */
    private int byName() {
        if (name.isEmpty()) {
            throw new CliException("usage", "pass the mutation with --query F.gq or -e '<gq>', or name a stored mutation"
                    + " of a served graph (mutate NAME --server S --graph G)", ExitCodes.USAGE);
        }
        if (ifCommit != null) {
            throw new CliException("usage", "--if-commit with a stored mutation is not supported yet; run the mutation's"
                    + " source with --query F.gq --if-commit ID", ExitCodes.USAGE);
        }
        JsonNode p = parseParams();
        JsonNode r;
        try (io.omnigraph.cli.plane.DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), true)) {
            r = io.omnigraph.cli.plane.Planes.invoke(context, json, plane, name.get(), () -> plane.invoke(name.get(), Optional.ofNullable(p),
                    Optional.of(branch), Optional.empty(), true));
        }
        if (json) {
            context.printJson(r);
        } else {
            Render.change(context.out(), r);
        }
        return 0;
    }

    private JsonNode parseParams() {
        if (params == null) {
            return null;
        }
        String text = params.json != null ? params.json : CompilerOutput.read(params.file, "params_file_missing", "--params-file");
        String flag = params.json != null ? "--params" : "--params-file " + params.file;
        try {
            JsonNode n = context.json().readTree(text);
            if (n == null || !n.isObject()) {
                throw new CliException("invalid_params", flag + " must be a JSON object keyed by parameter name");
            }
            return n;
        } catch (IOException e) {
            throw new CliException("invalid_params", flag + " is not valid JSON: " + e.getMessage());
        }
    }
}
