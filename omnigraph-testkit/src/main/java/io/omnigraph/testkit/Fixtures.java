package io.omnigraph.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The shared fixtures (copied from ../shared/fixtures; tests never read ../shared at run time). */
public final class Fixtures {
    private Fixtures() {
    }

    /** Text of a fixture, e.g. {@code text("engine/test.pg")}. */
    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no such fixture: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
