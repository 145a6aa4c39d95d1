package io.omnigraph.cli.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.InputStream;
import java.io.PrintStream;

/** What every command gets: its streams, the environment and a shared JSON mapper. */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final java.util.Map<String, String> env;
    private final GlobalFlags flags = new GlobalFlags();

    public CliContext(PrintStream out, PrintStream err, InputStream in) {
        this(out, err, in, System.getenv());
    }

    public CliContext(PrintStream out, PrintStream err, InputStream in, java.util.Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = java.util.Map.copyOf(env);
    }

    /** The global flags of this command line (cluster-server.md §6.1), wherever they were given. */
    public GlobalFlags flags() {
        return flags;
    }

    /** The process environment (tests pass their own). */
    public java.util.Map<String, String> env() {
        return env;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public ObjectMapper json() {
        return json;
    }

    /** True when stderr is an interactive terminal (progress bars, colours, prompts). */
    public boolean interactive() {
        return System.console() != null && !env.containsKey("NO_COLOR");
    }

    /** ANSI colours: a terminal, {@code NO_COLOR} unset and {@code TERM} not {@code dumb}. */
    public boolean colour() {
        return System.console() != null && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }

    /** Prints a value as pretty JSON on stdout. */
    public void printJson(Object value) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("internal", "could not render JSON: " + e.getOriginalMessage());
        }
    }
}
