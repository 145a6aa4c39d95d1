package io.omnigraph.server.port;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body produced incrementally, so large outputs are never held in memory. Validation that can fail with
 * a status code must happen <em>before</em> the body is returned; once {@link #writeTo} runs the status is 200 and
 * a failure can only cut the stream short (the server then aborts the connection, so clients see a truncated
 * response, never a well-formed one).
 */
@FunctionalInterface
public interface StreamingBody {
    /** Writes the whole body to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
}
