package io.omnigraph.cli.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnigraph.compiler.diag.CompileException;
import io.omnigraph.compiler.diag.DiagnosticJson;
import io.omnigraph.compiler.diag.Phase;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared handling of .pg/.gq inputs and compiler diagnostics for CLI commands. */
public final class CompilerOutput {
    private CompilerOutput() {
    }

    /**
     * Reads a UTF-8 source file.
     *
     * @param code the error code when it cannot be read ({@code schema_file_missing}, {@code query_file_missing})
     * @param flag the flag that named it, for the message
     */
    public static String read(Path file, String code, String flag) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(code, "cannot read " + flag + " " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new CliException(code, "cannot read " + flag + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CliException(code, "cannot read " + flag + " " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reports a compile failure and returns the CliException to throw: human mode prints every diagnostic with its
     * caret snippet on stderr; JSON mode prints {@code {"ok":false,"diagnostics":[…]}} on stdout.
     *
     * @param what {@code schema} or {@code query} — picks the error code ({@code schema_parse_error},
     *             {@code schema_catalog_error}, {@code query_parse_error}, {@code query_typecheck_error})
     */
    public static CliException failure(CliContext context, CompileException e, String what, boolean json) {
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("ok", false);
            o.set("diagnostics", DiagnosticJson.toJson(e.diagnostics()));
            context.printJson(o);
        } else {
            context.err().print(e.render());
        }
        Phase phase = e.first().code().phase();
        String code = what + "_" + switch (phase) {
            case PARSE -> "parse_error";
            case CATALOG -> "catalog_error";
            case TYPE -> "typecheck_error";
            case PLAN -> "plan_error";
        };
        int n = e.diagnostics().size();
        String where = e.first().location().map(l -> l.file() + ": ").orElse("");
        return new CliException(code, where + n + (n == 1 ? " error: " : " errors, first: ") + e.first().message());
    }
}
