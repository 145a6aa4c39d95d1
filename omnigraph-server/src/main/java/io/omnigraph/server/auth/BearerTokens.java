package io.omnigraph.server.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omnigraph.server.config.Env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's bearer tokens, held only as SHA-256 digests, each bound to one actor id.
 *
 * <p>Sources ({@link #load(Env)}): {@value #SINGLE} (actor {@code default}) <b>plus</b> the entries of
 * {@value #FILE} — or, when no file is configured, of {@value #JSON}; both hold a JSON object
 * {@code {"actor": "token", …}}. {@value #AWS_SECRET} is refused in this build. Actors and tokens are trimmed and must
 * be non-blank; a repeated actor or a repeated token value is an error. The loaded list is sorted by actor.
 *
 * <p>{@link #authenticate(String)} hashes the presented token and compares it with <em>every</em> stored digest using
 * {@link MessageDigest#isEqual} (no early exit), so timing does not reveal which entry matched or how many exist.
 */
public final class BearerTokens {
    public static final String SINGLE = "OMNIGRAPH_SERVER_BEARER_TOKEN";
    public static final String FILE = "OMNIGRAPH_SERVER_BEARER_TOKENS_FILE";
    public static final String JSON = "OMNIGRAPH_SERVER_BEARER_TOKENS_JSON";
    public static final String AWS_SECRET = "OMNIGRAPH_SERVER_BEARER_TOKENS_AWS_SECRET";
    /** Actor id of the single legacy token. */
    public static final String DEFAULT_ACTOR = "default";

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private final List<Entry> entries;

    private record Entry(String actor, byte[] digest) {
    }

    private BearerTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens (Open mode, or a refusal at classification). */
    public static BearerTokens none() {
        return new BearerTokens(List.of());
    }

    /**
     * Builds the token set from actor → token pairs (already read from a source). Applies the validation rules.
     *
     * @param sourceName named in error messages (e.g. the environment variable)
     */
    public static BearerTokens of(Map<String, String> actorToToken, String sourceName) throws TokenConfigException {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(actorToToken.entrySet());
        return build(pairs.stream().map(e -> new Pair(e.getKey(), e.getValue(), sourceName)).toList());
    }

    /** Loads the tokens from the environment (see the class comment for the rules). */
    public static BearerTokens load(Env env) throws TokenConfigException {
        if (env.get(AWS_SECRET).isPresent()) {
            throw new TokenConfigException(AWS_SECRET + " is set, but loading bearer tokens from AWS Secrets Manager is"
                    + " not supported in this build; unset it and provide the tokens with " + FILE + " or " + JSON);
        }
        List<Pair> pairs = new ArrayList<>();
        Optional<String> single = env.get(SINGLE);
        single.ifPresent(token -> pairs.add(new Pair(DEFAULT_ACTOR, token, SINGLE)));
        Optional<String> file = env.get(FILE);
        if (file.isPresent()) {
            pairs.addAll(parseMap(readFile(file.get().trim()), FILE + " (" + file.get().trim() + ")"));
        } else {
            Optional<String> inline = env.get(JSON);
            if (inline.isPresent()) {
                pairs.addAll(parseMap(inline.get(), JSON));
            }
        }
        return build(pairs);
    }

    /** True when no token is configured. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Number of configured tokens. */
    public int size() {
        return entries.size();
    }

    /** The configured actor ids, sorted (never the tokens). */
    public List<String> actors() {
        return entries.stream().map(Entry::actor).toList();
    }

    /**
     * The actor whose token is {@code presented}, or empty when none matches. Constant-time with respect to which
     * entry matches: every digest is compared.
     */
    public Optional<String> authenticate(String presented) {
        byte[] digest = sha256(presented);
        String matched = null;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(entry.digest(), digest);
            if (equal && matched == null) {
                matched = entry.actor();
            }
        }
        return Optional.ofNullable(matched);
    }

    @Override
    public String toString() {
        return "BearerTokens" + actors();
    }

    private record Pair(String actor, String token, String source) {
    }

    private static BearerTokens build(List<Pair> pairs) throws TokenConfigException {
        Set<String> actors = new HashSet<>();
        Set<String> digests = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (Pair pair : pairs) {
            String actor = pair.actor() == null ? "" : pair.actor().trim();
            String token = pair.token() == null ? "" : pair.token().trim();
            if (actor.isEmpty()) {
                throw new TokenConfigException(pair.source() + ": an actor name is blank; every entry needs a"
                        + " non-blank actor id as its key");
            }
            if (token.isEmpty()) {
                throw new TokenConfigException(pair.source() + ": the token of actor '" + actor + "' is blank;"
                        + " give every actor a non-blank token");
            }
            if (!actors.add(actor)) {
                throw new TokenConfigException(pair.source() + ": actor '" + actor + "' is configured more than once"
                        + (actor.equals(DEFAULT_ACTOR) ? " (" + SINGLE + " already defines actor 'default')" : "")
                        + "; each actor may have one token");
            }
            byte[] digest = sha256(token);
            if (!digests.add(java.util.HexFormat.of().formatHex(digest))) {
                throw new TokenConfigException(pair.source() + ": the token of actor '" + actor + "' is also used by"
                        + " another actor; tokens must be unique so the actor can be derived from the token");
            }
            entries.add(new Entry(actor, digest));
        }
        entries.sort(Comparator.comparing(Entry::actor));
        return new BearerTokens(entries);
    }

    private static String readFile(String path) throws TokenConfigException {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenConfigException(FILE + " points to '" + path + "', which does not exist; create it with a"
                    + " JSON object {\"actor\": \"token\"} or unset the variable");
        } catch (IOException | InvalidPathException e) {
            throw new TokenConfigException(FILE + ": cannot read '" + path + "' (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Parses {@code {"actor":"token",…}} keeping order and rejecting duplicate keys and non-string values. */
    private static List<Pair> parseMap(String json, String source) throws TokenConfigException {
        List<Pair> pairs = new ArrayList<>();
        try (JsonParser parser = JSON_MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenConfigException(source + " must hold a JSON object {\"actor\": \"token\", …}");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String actor = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new TokenConfigException(source + ": the value for actor '" + actor.trim()
                            + "' must be a JSON string (the token)");
                }
                pairs.add(new Pair(actor, parser.getText(), source));
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new TokenConfigException(source + " must hold exactly one JSON object {\"actor\": \"token\", …}");
            }
        } catch (TokenConfigException e) {
            throw e;
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw new TokenConfigException(source + ": an actor is configured more than once; each actor may"
                        + " have one token");
            }
            // never echo the input: it contains tokens
            throw new TokenConfigException(source + " is not valid JSON; expected an object {\"actor\": \"token\", …}");
        }
        return pairs;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
