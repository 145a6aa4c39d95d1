package io.omnigraph.cli;

import io.omnigraph.cli.support.Cli;

/** Entry point of {@code bin/omnigraph}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, System.out, System.err, System.in);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
