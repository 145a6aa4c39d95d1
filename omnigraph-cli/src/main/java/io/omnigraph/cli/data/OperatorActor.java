package io.omnigraph.cli.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.omnigraph.cli.support.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The default actor of direct writes: {@code operator.actor} of the operator config ({@code $OMNIGRAPH_HOME/config.yaml},
 * else {@code ~/.omnigraph/config.yaml}; absent file = none). A minimal reader until the full operator config lands.
 */
final class OperatorActor {
    private OperatorActor() {
    }

    static Optional<String> configured() {
        String home = System.getenv("OMNIGRAPH_HOME");
        Path dir = home != null && !home.isBlank()
                ? Path.of(home.startsWith("~") ? System.getProperty("user.home") + home.substring(1) : home)
                : Path.of(System.getProperty("user.home"), ".omnigraph");
        Path file = dir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            JsonNode actor = root == null ? null : root.path("operator").path("actor");
            return actor != null && actor.isTextual() && !actor.textValue().isBlank() ? Optional.of(actor.textValue())
                    : Optional.empty();
        } catch (IOException e) {
            throw new CliException("operator_config_invalid", "cannot read " + file + ": " + e.getMessage());
        }
    }
}
