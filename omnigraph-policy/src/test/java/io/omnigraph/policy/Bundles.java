package io.omnigraph.policy;

import io.omnigraph.policy.bundle.PolicyBundle;
import io.omnigraph.policy.cedar.PolicyEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers: parse inline or resource bundles, expecting success. */
public final class Bundles {
    private Bundles() {
    }

    public static PolicyBundle parse(String yaml) {
        try {
            return PolicyBundle.parse(yaml, "test.policy.yaml");
        } catch (PolicyValidationException e) {
            throw new AssertionError("bundle should be valid but: " + e.getMessage(), e);
        }
    }

    /** The demo's base.policy.yaml (bundle name {@code base}) compiled for {@code graphId}. */
    public static PolicyEngine demoEngine(String graphId) {
        try {
            return PolicyEngine.forGraph(PolicyBundle.parse(resource("base.policy.yaml"), "base.policy.yaml"), graphId);
        } catch (PolicyValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static PolicyEngine graphEngine(String yaml, String graphId) {
        try {
            return PolicyEngine.forGraph(parse(yaml), graphId);
        } catch (PolicyValidationException e) {
            throw new AssertionError("bundle should fit a graph but: " + e.getMessage(), e);
        }
    }

    public static PolicyEngine serverEngine(String yaml) {
        try {
            return PolicyEngine.forServer(parse(yaml));
        } catch (PolicyValidationException e) {
            throw new AssertionError("bundle should fit the server but: " + e.getMessage(), e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = Bundles.class.getResourceAsStream("/policy/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /policy/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
