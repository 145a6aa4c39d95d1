package io.omnigraph.cli.remote;

import io.omnigraph.cli.support.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's bearer tokens, {@code <config dir>/credentials} (cluster-server.md §6.4): INI-style sections
 * {@code [name]} with one {@code token = …} line, keyed by the {@code servers:} name. Written atomically (temp file +
 * rename) with mode 0600; a file readable by group or others is refused on read. Tokens are never printed.
 */
public final class Credentials {
    private final Path file;

    public Credentials(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The token stored for {@code server}, if any. Refuses a group/world-readable file. */
    public Optional<String> token(String server) {
        return Optional.ofNullable(read().get(server)).filter(t -> !t.isBlank());
    }

    /** Every section: server name → token (insertion order). */
    public Map<String, String> read() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new CliException("credentials_insecure", "the credentials file " + file + " is readable by group or"
                        + " others (" + PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file + "`");
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new CliException("credentials_unreadable", "cannot read the credentials file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        String section = null;
        int lineNo = 0;
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                    out.putIfAbsent(section, "");
                    continue;
                }
                int eq = line.indexOf('=');
                if (section == null || eq < 0) {
                    throw new CliException("credentials_invalid", file + ":" + lineNo + ": expected `[server]` or"
                            + " `token = …`; fix the line or run `omnigraph login <server>` again");
                }
                if (line.substring(0, eq).strip().equals("token")) {
                    out.put(section, line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new CliException("credentials_unreadable", "cannot read the credentials file " + file + ": " + e.getMessage());
        }
        return out;
    }

    /** Stores (or rotates) the token of {@code server}, keeping the other sections. */
    public void store(String server, String token) {
        Map<String, String> all = read();
        all.put(server, token);
        write(all);
    }

    /** Removes {@code server}'s section; true when one existed. Idempotent. */
    public boolean remove(String server) {
        Map<String, String> all = read();
        if (all.remove(server) == null) {
            return false;
        }
        write(all);
        return true;
    }

    private void write(Map<String, String> all) {
        StringBuilder sb = new StringBuilder();
        all.forEach((name, token) -> sb.append('[').append(name).append("]\ntoken = ").append(token).append('\n'));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".credentials.", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX
                }
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CliException("credentials_unwritable", "cannot write the credentials file " + file + ": " + e.getMessage());
        }
    }
}
