package io.omnigraph.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to environment variables, behind an interface so tests can inject values instead of mutating the
 * process environment. Blank values count as unset everywhere in the server.
 */
@FunctionalInterface
public interface Env {
    /** The raw value of {@code name}, or empty when unset. */
    Optional<String> raw(String name);

    /** The value of {@code name} when set and not blank (returned as given, untrimmed). */
    default Optional<String> get(String name) {
        return raw(name).filter(v -> !v.isBlank());
    }

    /**
     * The server's boolean rule: set ∧ trimmed non-empty ∧ ≠ {@code "0"} ∧ ≠ case-insensitive {@code "false"}.
     */
    default boolean flag(String name) {
        return raw(name).map(String::trim)
                .filter(v -> !v.isEmpty() && !v.equals("0") && !v.toLowerCase(Locale.ROOT).equals("false"))
                .isPresent();
    }

    /** The process environment. */
    static Env system() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** A fixed environment (tests, embedding). */
    static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
