package io.omnigraph.engine.load;

/**
 * Per-load ceilings, refused before anything is written ({@code resource_limit}). {@link #SERVER} is the original's
 * server-side protection (engine.md §4.1, appendix B): append/merge loads write at most 8,192 entities per type, and
 * every type's staged rows are at most 32 MiB. {@link #UNBOUNDED} is the direct (CLI) bulk path, which streams files
 * of millions of lines into bounded segments (docs/data.md, "Limits").
 *
 * @param maxKeyedRowsPerType entities per type for append/merge ({@code Long.MAX_VALUE}: no limit)
 * @param maxBytesPerType     estimated staged bytes per type, every mode ({@code Long.MAX_VALUE}: no limit)
 */
public record LoadLimits(long maxKeyedRowsPerType, long maxBytesPerType) {
    public static final long KEYED_WRITE_MAX_ROWS = 8192;
    public static final long KEYED_WRITE_MAX_BYTES = 32L * 1024 * 1024;
    public static final LoadLimits SERVER = new LoadLimits(KEYED_WRITE_MAX_ROWS, KEYED_WRITE_MAX_BYTES);
    public static final LoadLimits UNBOUNDED = new LoadLimits(Long.MAX_VALUE, Long.MAX_VALUE);
}
