package io.omnigraph.cli.policy;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.policy.PolicyValidationException;
import io.omnigraph.policy.bundle.PolicyBundle;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** A bundle read from a file path; compiled for {@code --graph} or the graph id {@code default}. */
public record FileBundleSource(Path file) implements BundleSource {
    public static final String DEFAULT_GRAPH = "default";

    @Override
    public SelectedBundle select(Optional<String> graph) {
        byte[] bytes = read(file, "policy file", "policy_file", "a *.policy.yaml file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException("policy_file_unreadable", "policy file '" + file + "' is not UTF-8 text");
        }
        try {
            PolicyBundle bundle = PolicyBundle.parse(text, file.getFileName().toString());
            return new SelectedBundle(Optional.of(bundle), graph.orElse(DEFAULT_GRAPH), file.toString(),
                    Optional.of(sha256(bytes)));
        } catch (PolicyValidationException e) {
            throw new InvalidBundleException("policy bundle '" + file + "'", e);
        }
    }

    /**
     * Reads a file or fails with {@code <codePrefix>_missing} / {@code <codePrefix>_unreadable}.
     *
     * @param label what the file is, for messages ({@code policy file})
     * @param kind  what the user should pass instead ({@code a *.policy.yaml file})
     */
    static byte[] read(Path file, String label, String codePrefix, String kind) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(codePrefix + "_missing", label + " '" + file + "' does not exist; pass the path "
                    + "of " + kind);
        } catch (IOException e) {
            throw new CliException(codePrefix + "_unreadable", "cannot read " + label + " '" + file + "': "
                    + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
