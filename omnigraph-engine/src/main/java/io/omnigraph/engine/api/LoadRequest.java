package io.omnigraph.engine.api;

import io.omnigraph.engine.load.EmbedMode;
import io.omnigraph.engine.load.LoadLimits;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.load.LoadProgress;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A bulk NDJSON load into {@code branch}. Without {@code from} the branch must exist; with {@code from} a missing
 * branch is created from that branch's head (no commit) and published together with the load; an existing branch is
 * loaded as is ({@code from} is echoed as {@code base_branch}).
 *
 * @param input  the NDJSON bytes (read once, streamed; not closed)
 * @param limits {@link LoadLimits#SERVER} for HTTP routes, {@link LoadLimits#UNBOUNDED} for direct bulk loads
 */
public record LoadRequest(InputStream input, String branch, Optional<String> from, LoadMode mode, LoadLimits limits,
                          LoadProgress progress, Optional<String> message, EmbedMode embed) {
    public LoadRequest(InputStream input, String branch, Optional<String> from, LoadMode mode, LoadLimits limits,
                       LoadProgress progress, Optional<String> message) {
        this(input, branch, from, mode, limits, progress, message, EmbedMode.AUTO);
    }

    public LoadRequest {
        embed = embed == null ? EmbedMode.AUTO : embed;
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(branch, "branch");
        from = from == null ? Optional.empty() : from;
        Objects.requireNonNull(mode, "mode");
        limits = limits == null ? LoadLimits.UNBOUNDED : limits;
        progress = progress == null ? LoadProgress.NONE : progress;
        message = message == null ? Optional.empty() : message;
    }

    public static LoadRequest of(InputStream input, String branch, LoadMode mode) {
        return new LoadRequest(input, branch, Optional.empty(), mode, LoadLimits.UNBOUNDED, LoadProgress.NONE, Optional.empty());
    }

    public LoadRequest from(String base) {
        return new LoadRequest(input, branch, Optional.of(base), mode, limits, progress, message, embed);
    }

    public LoadRequest withLimits(LoadLimits l) {
        return new LoadRequest(input, branch, from, mode, l, progress, message, embed);
    }

    public LoadRequest withProgress(LoadProgress p) {
        return new LoadRequest(input, branch, from, mode, limits, p, message, embed);
    }

    /** {@code embed: auto|off}: whether {@code @embed} properties are computed (see {@link EmbedMode}). */
    public LoadRequest withEmbed(EmbedMode e) {
        return new LoadRequest(input, branch, from, mode, limits, progress, message, e);
    }
}
