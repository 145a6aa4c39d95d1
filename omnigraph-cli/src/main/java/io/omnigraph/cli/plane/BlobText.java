package io.omnigraph.cli.plane;

import io.omnigraph.cli.support.CliException;
import io.omnigraph.cli.support.ExitCodes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Blob ranges and messages shared by both lanes (the same wording as the server's blob route). */
final class BlobText {
    private BlobText() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP {@code Range} of {@code --offset/--length}, empty when the whole value is asked for. */
    static Optional<String> rangeHeader(long offset, Optional<Long> length) {
        if (offset == 0 && length.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("bytes=" + offset + "-" + length.map(l -> Long.toString(offset + l - 1)).orElse(""));
    }

    /** {@code [start, end)} of {@code --offset/--length} within a value of {@code size} bytes, or the server's 416. */
    static long[] range(long offset, Optional<Long> length, long size) {
        if (offset == 0 && length.isEmpty()) {
            return new long[]{0, size};
        }
        long end = length.map(l -> Math.min(size, offset + l)).orElse(size);
        if (offset >= size) {
            throw new CliException("bad_request", "range not satisfiable: " + rangeHeader(offset, length).orElseThrow()
                    + " for a Blob of " + size + " bytes");
        }
        return new long[]{offset, end};
    }

    static CliException external(DataPlane.BlobRef ref, String location) {
        return new CliException("external_blob", "property '" + ref.property() + "' of " + ref.type() + " '" + ref.id()
                + "' is an external Blob at " + location + "; fetch it from there (`blob stat` shows the location)", ExitCodes.ERROR);
    }
}
