package io.omnigraph.cli.remote;

import io.omnigraph.cli.config.OperatorConfig;
import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code --server NAME|URL} to a base URL (cluster-server.md §6.1) and the bearer token to send to it
 * (§6.4): the operator server whose {@code url} is the longest prefix of the target URL keys the chain
 * {@code OMNIGRAPH_TOKEN_<NAME>} > the {@code [name]} section of the credentials file; otherwise (or when neither
 * holds a token) {@code OMNIGRAPH_BEARER_TOKEN}. A keyed token is never sent to another server.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** A literal containing {@code ://} is a URL; anything else names an operator {@code servers:} entry. */
    public static String baseUrl(OperatorConfig config, String server) {
        if (server.contains("://")) {
            String lower = server.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new CliException("usage", "--server " + server + " is not an http:// or https:// URL; pass a server"
                        + " URL or a name from `servers:` in " + config.file(), ExitCodes.USAGE);
            }
            return trim(server);
        }
        String url = config.servers().get(server);
        if (url == null) {
            throw new CliException("unknown_server", "unknown server '" + server + "' — servers defined in the operator config: "
                    + config.servers().keySet() + " (" + config.file() + "); add it under `servers:` or pass a URL");
        }
        return url;
    }

    /** The operator server name whose URL is the longest prefix of {@code url} (equal, or followed by {@code /}). */
    public static Optional<String> serverFor(OperatorConfig config, String url) {
        String target = trim(url);
        String best = null;
        int bestLen = -1;
        for (Map.Entry<String, String> e : config.servers().entrySet()) {
            String u = trim(e.getValue());
            if ((target.equals(u) || target.startsWith(u + "/")) && u.length() > bestLen) {
                best = e.getKey();
                bestLen = u.length();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The bearer token for {@code url} (§6.4), if any. */
    public static Optional<String> token(OperatorConfig config, Map<String, String> env, String url) {
        Optional<String> name = serverFor(config, url);
        if (name.isPresent()) {
            String envName = "OMNIGRAPH_TOKEN_" + name.get().toUpperCase(Locale.ROOT).replace('-', '_');
            String v = env.get(envName);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
            Optional<String> stored = new Credentials(config.credentialsFile()).token(name.get());
            if (stored.isPresent()) {
                return stored;
            }
        }
        String fallback = env.get("OMNIGRAPH_BEARER_TOKEN");
        return fallback != null && !fallback.isBlank() ? Optional.of(fallback.strip()) : Optional.empty();
    }

    static String trim(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
