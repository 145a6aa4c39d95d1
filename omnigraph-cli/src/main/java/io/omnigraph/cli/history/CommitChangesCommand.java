package io.omnigraph.cli.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnigraph.cli.plane.DataPlane;
import io.omnigraph.cli.plane.Planes;
import io.omnigraph.cli.data.GraphTargetOptions;
import io.omnigraph.cli.support.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code omnigraph commit changes [--uri U] ID [--limit N] [--page-token T] [--kind K]… [--type T]… [--op O]… [--json]}:
 * the entities a commit inserted, updated and deleted relative to its first parent (openapi
 * {@code CommitChangesOutput} with {@code --json}).
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Show the entities a commit inserted, updated and deleted (against its first parent), with exact",
                "before/after images. Paged: follow next_page_token with --page-token."})
public final class CommitChangesCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GraphTargetOptions target;

    @Mixin
    ChangeFilterOptions filters;

    @Option(names = "--uri", paramLabel = "URI", description = "The graph's storage (or --store).")
    String uriFlag;

    @Parameters(index = "0", paramLabel = "ID", description = "The commit id.")
    String commitId;

    @Option(names = "--limit", paramLabel = "N", description = "At most N changes per page (default 1000, max 8192).")
    Integer limit;

    @Option(names = "--page-token", paramLabel = "T", description = "Continue a previous page (its next_page_token).")
    String pageToken;

    @Option(names = "--json", description = "Print the page as JSON (CommitChangesOutput).")
    boolean json;

    public CommitChangesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonNode page;
        try (DataPlane plane = target.open(Optional.empty(), Optional.ofNullable(uriFlag), false)) {
            page = Planes.call(context, json, plane, () -> plane.commitChanges(commitId, filters.filters(),
                    Optional.ofNullable(limit), Optional.ofNullable(pageToken)));
        }
        if (json) {
            context.printJson(page);
            return 0;
        }
        HistoryOutput.block(context.out(), page.path("cause"), page.path("changes"));
        if (page.hasNonNull("next_page_token")) {
            context.out().println("more changes: --page-token " + page.path("next_page_token").asText());
        }
        return 0;
    }
}
