package io.omnigraph.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Product version, read from the build's filtered resource. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/omnigraph/cli/version.properties")) {
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
