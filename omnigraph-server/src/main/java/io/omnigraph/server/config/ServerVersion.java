package io.omnigraph.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version baked into the server jar at build time. */
public final class ServerVersion {
    private static final String VERSION = load();

    private ServerVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/io/omnigraph/server/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
