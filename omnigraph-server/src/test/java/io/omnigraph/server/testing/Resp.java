package io.omnigraph.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A received HTTP response (already checked against openapi.json by {@link TestServer}). */
public record Resp(int status, HttpHeaders headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + status + "): " + text(), e);
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** {@code error} of an ErrorOutput body. */
    public String error() {
        return json().path("error").asText();
    }

    /** {@code code} of an ErrorOutput body, or "" when absent. */
    public String code() {
        return json().path("code").asText("");
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
