package io.omnigraph.server.config;

import java.util.Objects;

/** A listen address {@code HOST:PORT} ({@code [v6]:PORT} for IPv6); port 0 asks for a free port. */
public record BindAddress(String host, int port) {
    /** The default listen address, loopback only. */
    public static final BindAddress DEFAULT = new BindAddress("127.0.0.1", 8080);

    public BindAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @param source named in the error (e.g. {@code --bind})
     */
    public static BindAddress parse(String text, String source) throws ServerConfigException {
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw invalid(text, source);
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                throw invalid(text, source);
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (host.isBlank() || !port.matches("[0-9]{1,5}")) {
            throw invalid(text, source);
        }
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new ServerConfigException(source + ": port " + p + " is out of range (0-65535)");
        }
        return new BindAddress(host, p);
    }

    private static ServerConfigException invalid(String text, String source) {
        return new ServerConfigException(source + ": '" + text + "' is not a listen address; use HOST:PORT, e.g."
                + " 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080 (port 0 picks a free port)");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
