package io.omnigraph.cli.support;

/** A user-facing failure: printed to stderr as {@code error[code]: message}, then the process exits. */
public class CliException extends RuntimeException {
    private final String code;
    private final int exitCode;

    public CliException(String code, String message) {
        this(code, message, ExitCodes.ERROR);
    }

    public CliException(String code, String message, int exitCode) {
        super(message);
        this.code = code;
        this.exitCode = exitCode;
    }

    public String code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }
}
