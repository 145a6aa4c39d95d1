package io.omnigraph.cluster.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The part of {@code cluster.yaml} that locates state: the config dir, the storage root (as written, trimmed, without
 * trailing '/'), the lock switch and the display name. {@link #storageLocation()} is what
 * {@link io.omnigraph.storage.ObjectStores#open} receives.
 */
public record ConfigHeader(Path configDir, Optional<String> name, Optional<String> storage, boolean lockEnabled) {

    /** The storage root location: the declared {@code storage:} (relative paths resolve against the CWD) or the config dir. */
    public String storageLocation() {
        if (storage.isEmpty()) {
            return configDir.toAbsolutePath().normalize().toString();
        }
        String s = storage.get();
        if (s.contains("://")) {
            return s;
        }
        return Path.of(s).toAbsolutePath().normalize().toString();
    }
}
