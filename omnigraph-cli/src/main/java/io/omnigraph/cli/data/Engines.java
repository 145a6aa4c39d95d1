package io.omnigraph.cli.data;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.CompilerOutput;
import io.omnigraph.cli.support.ExitCodes;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.api.OpenOptions;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.policy.Actor;

import java.util.Optional;
import java.util.function.Supplier;

/** Opening graphs for direct (embedded) commands and turning engine errors into CLI errors. */
public final class Engines {
    private Engines() {
    }

    /** Opens the graph at {@code uri} with the unrestricted gate (direct store access). */
    public static Graph open(String uri) {
        return call(() -> OmniGraph.open(uri, OpenOptions.defaults()));
    }

    /**
     * Opens the graph at {@code uri} with the unrestricted gate, reading S3 settings ({@code AWS_*}) from the
     * context's environment rather than the process's (the same in normal runs; lets in-process tests point a
     * command at S3Proxy).
     */
    public static Graph open(CliContext context, String uri) {
        return call(() -> {
            io.omnigraph.storage.ObjectStore store;
            try {
                store = io.omnigraph.storage.ObjectStores.open(uri, context.env());
            } catch (io.omnigraph.storage.StoreException e) {
                throw new EngineException.Invalid(io.omnigraph.engine.error.EngineErrorCode.INVALID_ARGUMENT, uri, e.getMessage());
            }
            return OmniGraph.open(store, OpenOptions.defaults());
        });
    }

    public static Optional<Actor> actor(Optional<String> id) {
        return id.map(Actor::of);
    }

    /** Runs an engine call; engine errors become {@code error[code]: message} (exit 4 for a lost --if-commit). */
    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (EngineException e) {
            throw translate(e);
        } catch (java.io.UncheckedIOException e) {
            throw new CliException("io_error", e.getMessage());
        }
    }

    public static CliException translate(EngineException e) {
        int exit = e instanceof EngineException.PreconditionFailed ? ExitCodes.PRECONDITION_FAILED : ExitCodes.ERROR;
        return new CliException(e.code().code(), e.getMessage(), exit);
    }

    /** Compile errors keep the compiler's caret diagnostics (stderr, or {@code {"ok":false,…}} with --json). */
    public static CliException compileFailure(CliContext context, EngineException.Compile e, boolean json) {
        CliException c = CompilerOutput.failure(context, e.compileException(),
                e.code() == io.omnigraph.engine.error.EngineErrorCode.SCHEMA_ERROR ? "schema" : "query", json);
        return c;
    }

    /** "Local" = no {@code ://}, or {@code file://}. */
    public static boolean isLocal(String uri) {
        return !uri.contains("://") || uri.startsWith("file://");
    }

    /**
     * Destructive writes against a non-local target need consent: {@code --yes}; otherwise a prompt on an interactive
     * terminal, and an error with {@code --json} or without a terminal (cluster-server.md §6.6).
     */
    public static void confirmDestructive(CliContext context, GraphTargetOptions target, String label, String uri, boolean json) {
        confirmDestructive(context, target.yes(), label, uri, json);
    }

    /** Like {@link #confirmDestructive(CliContext, GraphTargetOptions, String, String, boolean)} with {@code --yes} given. */
    public static void confirmDestructive(CliContext context, boolean yes, String label, String uri, boolean json) {
        if (isLocal(uri) || yes) {
            return;
        }
        if (json || System.console() == null) {
            throw new CliException("confirmation_required", "refusing destructive `" + label + "` against non-local target "
                    + uri + " without confirmation; pass --yes to confirm (or run it from an interactive terminal)");
        }
        context.err().print("About to run destructive `" + label + "` against " + uri + ". Type 'yes' to continue: ");
        context.err().flush();
        String answer = System.console().readLine();
        if (answer == null || !(answer.trim().equalsIgnoreCase("yes") || answer.trim().equalsIgnoreCase("y"))) {
            throw new CliException("aborted", "aborted");
        }
    }
}
