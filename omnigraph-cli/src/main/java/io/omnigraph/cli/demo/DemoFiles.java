package io.omnigraph.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled company-brain example (cluster.yaml, schema, queries, policies, seed data). */
public final class DemoFiles {
    private DemoFiles() {
    }

    /** Copies the example into {@code dir} (created) and returns it. */
    public static Path copyTo(Path dir) throws IOException {
        for (String f : DemoCommand.resourceLines("files.txt")) {
            Path out = dir.resolve(f);
            Files.createDirectories(out.getParent());
            try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.RESOURCE_ROOT + f)) {
                if (in == null) {
                    throw new IOException("the bundled example is missing " + f);
                }
                Files.write(out, in.readAllBytes());
            }
        }
        return dir;
    }
}
