package io.omnigraph.server.cluster;

import io.omnigraph.cluster.serving.ServingSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * The server refuses to serve a cluster revision: at boot the process exits non-zero with {@link #getMessage()}
 * ({@code the cluster at '<arg>' is not ready to serve:} followed by one {@code [code] path: message} line per
 * diagnostic); on a hot reload the previously served revision keeps serving and this is reported.
 */
public final class BootFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> codes;
    private final transient Optional<ServingSnapshot.Revision> revision;

    public BootFailure(String message, List<String> codes) {
        this(message, codes, Optional.empty());
    }

    public BootFailure(String message, List<String> codes, Optional<ServingSnapshot.Revision> revision) {
        super(message, null, false, false);
        this.codes = List.copyOf(codes);
        this.revision = revision == null ? Optional.empty() : revision;
    }

    /** The applied revision that was refused, when the ledger could be read. */
    public Optional<ServingSnapshot.Revision> revision() {
        return revision;
    }

    /** The stable diagnostic codes of the refusal, in the order printed. */
    public List<String> codes() {
        return codes;
    }
}
