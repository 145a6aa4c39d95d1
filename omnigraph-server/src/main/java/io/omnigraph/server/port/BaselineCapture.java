package io.omnigraph.server.port;

import io.omnigraph.server.api.ChangeBaselineOutput;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A baseline stream whose snapshot has been resolved and validated: {@link #writeRecords} writes the snapshot's entity
 * records as NDJSON lines and returns the terminal record's content (the snapshot commit and the resume cursor), which
 * the server appends as the final {@code {"baseline": …}} line only after every record was written. Failures that have
 * a status code (unknown branch, bad filter) are thrown by {@link GraphService#changeBaseline} or before the first
 * record is written; a failure mid-stream aborts the connection (no terminal line, so clients never resume from a
 * partial baseline).
 */
@FunctionalInterface
public interface BaselineCapture {
    /** Writes the records to {@code out} (must not close it) and returns the terminal record's content. */
    ChangeBaselineOutput writeRecords(OutputStream out) throws IOException;
}
