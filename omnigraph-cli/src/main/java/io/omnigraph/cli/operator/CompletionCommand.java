package io.omnigraph.cli.operator;

import io.omnigraph.cli.support.CliContext;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code omnigraph completion bash|zsh}: prints a shell completion script (picocli {@link AutoComplete}). Install:
 * {@code source <(omnigraph completion bash)}; zsh loads the same script through {@code bashcompinit}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.", "bash: source <(omnigraph completion bash)",
                "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(omnigraph completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CliException("usage", "completion supports bash and zsh, got '" + shell + "'", ExitCodes.USAGE);
        }
        CommandLine root = spec.root().commandLine();
        String script = AutoComplete.bash("omnigraph", root);
        if (shell.equals("zsh")) {
            script = "# zsh: needs bashcompinit\nautoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + script;
        }
        context.out().print(script);
        return 0;
    }
}
