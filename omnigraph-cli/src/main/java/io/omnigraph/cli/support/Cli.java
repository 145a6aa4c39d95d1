package io.omnigraph.cli.support;

import io.omnigraph.cli.OmnigraphCommand;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Builds the picocli command tree and runs it with OmniGraph's error handling and exit codes. */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(PrintStream out, PrintStream err, InputStream in) {
        return commandLine(out, err, in, System.getenv());
    }

    public static CommandLine commandLine(PrintStream out, PrintStream err, InputStream in, java.util.Map<String, String> env) {
        CliContext context = new CliContext(out, err, in, env);
        CommandLine cl = new CommandLine(new OmnigraphCommand(context), new ContextFactory(context));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        GlobalOptions.install(cl, context);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAbbreviatedOptionsAllowed(false);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException ce) {
                err.println("error[" + ce.code() + "]: " + ce.getMessage());
                return ce.exitCode();
            }
            err.println("error[internal]: " + ex);
            if (System.getenv("OMNIGRAPH_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("  (set OMNIGRAPH_DEBUG=1 for a stack trace)");
            }
            return ExitCodes.ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter w = failed.getErr();
            w.println("error[usage]: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
            w.println("usage: " + failed.getCommandSpec().qualifiedName() + " " + shortSynopsis(failed)
                    + "  (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static String shortSynopsis(CommandLine cl) {
        return cl.getCommandSpec().subcommands().isEmpty() ? "[OPTIONS]" : "[OPTIONS] COMMAND";
    }

    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return commandLine(out, err, in).execute(Deprecations.rewrite(args, err));
    }

    /** Runs with an explicit environment (tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, java.util.Map<String, String> env) {
        return commandLine(out, err, in, env).execute(Deprecations.rewrite(args, err));
    }

    /** Lets commands declare a {@link CliContext} constructor parameter. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
