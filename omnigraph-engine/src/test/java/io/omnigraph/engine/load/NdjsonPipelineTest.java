package io.omnigraph.engine.load;

import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.error.EngineException;
import io.omnigraph.engine.table.TableData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batched, pipelined parser with its byte-level edge path gives exactly what the sequential general (tree) path
 * gives: the same rows, ids, lines and progress calls, or the same first error. Inputs are random mixes of every
 * record shape and line ending, fed through streams that return a few bytes per read (so lines straddle reads and
 * batches end anywhere), with batch sizes from one line up.
 */
class NdjsonPipelineTest {
    static final GraphSchema SCHEMA = GraphSchema.of(SchemaCompiler.compile("""
            node Person {
                name: String @key
                age: I32?
            }
            node Note {
                text: String
            }
            edge Knows: Person -> Person {
                since: Date?
            }
            edge About: Note -> Person
            """, "pipeline.pg"));

    /** Outcome of one parse: a canonical dump of the parsed tables plus progress calls, or the error. */
    record Outcome(String dump, List<String> progress, String error) {
    }

    static Outcome run(byte[] input, LoadMode mode, NdjsonParser.Tuning tuning, int maxRead, long seed) {
        AtomicLong n = new AtomicLong();
        Supplier<String> strings = () -> String.format("01K00000000000000000%06d", n.incrementAndGet());
        // the bulk edge path appends minted ids as bytes; the general path takes Strings: one sequence either way
        Supplier<String> ulids = seed % 2 == 0 ? strings : new IdMinter() {
            @Override
            public String get() {
                return strings.get();
            }

            @Override
            public void appendNext(io.omnigraph.engine.table.ColumnBuilder.Strings ids) {
                byte[] b = strings.get().getBytes(StandardCharsets.US_ASCII);
                ids.appendBytes(b, 0, b.length);
            }
        };
        List<String> progress = new ArrayList<>();
        LoadProgress p = new LoadProgress() {
            @Override
            public void parsed(long lines, long bytes) {
                progress.add(lines + "/" + bytes);
            }
        };
        try {
            ParsedLoad parsed = NdjsonParser.parse(SCHEMA, new Trickle(input, maxRead, seed), mode, LoadLimits.UNBOUNDED, p,
                    ulids, false, tuning);
            return new Outcome(dump(parsed), progress, null);
        } catch (EngineException e) {
            return new Outcome(null, progress, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String dump(ParsedLoad parsed) {
        StringBuilder sb = new StringBuilder("lines=" + parsed.lines() + " bytes=" + parsed.bytes() + "\n");
        for (Map.Entry<String, ParsedLoad.ParsedTable> e : parsed.tables().entrySet()) {
            ParsedLoad.ParsedTable t = e.getValue();
            TableData d = t.rows();
            sb.append(t.type().name()).append(" generated=").append(t.generated()).append(" lines=")
                    .append(Arrays.toString(t.lines())).append('\n');
            for (int r = 0; r < d.rowCount(); r++) {
                sb.append("  ").append(d.row(r)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Returns at most {@code maxRead} bytes per read (a random count from 1), like a slow pipe. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final int maxRead;
        private final Random random;
        private int pos;

        Trickle(byte[] data, int maxRead, long seed) {
            this.data = data;
            this.maxRead = maxRead;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int k = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxRead));
            System.arraycopy(data, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    static final String[] GOOD = {
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\"}",
            "{\"to\":\"p%2$d\",\"from\":\"p%1$d\",\"edge\":\"knows\"}",
            " {\t\"from\" : \"p%d\" ,\"edge\":\"KNOWS\", \"to\":\"p%d\" }\t",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\",\"data\":{\"since\":\"2024-01-0%2$d\"}}",
            "{\"edge\":\"Knows\",\"from\":\"p\\u0030%d\",\"to\":\"p%d\"}",
            "{\"edge\":\"Knows\",\"from\":\"pé%d\",\"to\":\"p€%d\"}",
            "{\"edge\":\"About\",\"from\":\"n%d\",\"to\":\"p%d\"}",
            "{\"type\":\"Person\",\"data\":{\"name\":\"p%d\",\"age\":%d}}",
            "{\"type\":\"Note\",\"data\":{\"text\":\"note %d %d\"}}",
            "{\"type\":\"Note\",\"data\":{\"id\":\"n%d\",\"text\":\"t%d\"}}",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\",\"data\":{\"id\":\"k%1$d-%2$d\"}}",
            "",
            "   ",
            "\t",
    };
    static final String[] BAD = {
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\",\"to\":\"x\"}",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\"} {}",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":%d}",
            "{\"edge\":\"Nope\",\"from\":\"p%d\",\"to\":\"p%d\"}",
            "{\"edge\":\"Knows\",\"from\":\"p%d\"}",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\",\"_rowid\":\"x\"}",
            "{\"type\":\"Person\",\"data\":{\"name\":\"p%d\",\"age\":\"old %d\"}}",
            "{\"type\":\"Person\",\"data\":{\"name\":\"dup\",\"age\":%d}}",
            "{\"edge\":\"Knows\",\"from\":\"p\u0001%d\",\"to\":\"p%d\"}",
            "[%d, %d]",
            "{\"edge\":\"Knows\",\"from\":\"p%d\",\"to\":\"p%d\"",
            "{\"type\":\"Nope\",\"data\":{\"x\":%d%d}}",
    };

    static byte[] randomInput(Random rnd, int lines, double badRate) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(8) == 0) {
            sb.append('\uFEFF');
        }
        for (int i = 0; i < lines; i++) {
            String[] pool = rnd.nextDouble() < badRate ? BAD : GOOD;
            String f = pool[rnd.nextInt(pool.length)];
            sb.append(String.format(f, rnd.nextInt(40), 1 + rnd.nextInt(9)));
            if (i < lines - 1 || rnd.nextBoolean()) {
                sb.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static final NdjsonParser.Tuning[] TUNINGS = {
            NdjsonParser.Tuning.DEFAULT,
            new NdjsonParser.Tuning(1, 1 << 20, 1, true, true),
            new NdjsonParser.Tuning(3, 1 << 20, 2, true, true),
            new NdjsonParser.Tuning(1000, 64, 1, true, true),
            new NdjsonParser.Tuning(5, 1 << 20, 4, false, true),
            new NdjsonParser.Tuning(2, 1 << 20, 1, true, false),
    };

    @Test
    void everyTuningParsesRandomInputsLikeTheSequentialGeneralPath() {
        Random rnd = new Random(20_261_122L);
        int errors = 0;
        for (int iter = 0; iter < 300; iter++) {
            byte[] input = randomInput(rnd, 1 + rnd.nextInt(120), iter % 3 == 0 ? 0.0 : 0.02);
            LoadMode mode = LoadMode.values()[rnd.nextInt(LoadMode.values().length)];
            Outcome expected = run(input, mode, NdjsonParser.Tuning.SEQUENTIAL_GENERAL, 1 << 16, iter);
            if (expected.error() != null) {
                errors++;
            }
            for (NdjsonParser.Tuning t : TUNINGS) {
                Outcome got = run(input, mode, t, 1 + rnd.nextInt(40), iter);
                assertThat(got).as("input %d %s with %s:%n%s", iter, mode, t, new String(input, StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }
        }
        assertThat(errors).as("some inputs fail, some load").isBetween(30, 270);
    }

    @Test
    void errorsInSeveralBatchesReportTheFirstByLine() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            sb.append(i == 57 || i == 120 || i == 190 ? "{\"edge\":\"Knows\",\"from\":\"a\",\"to\":7}"
                    : "{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\"}").append('\n');
        }
        byte[] in = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (NdjsonParser.Tuning t : TUNINGS) {
            assertThat(run(in, LoadMode.APPEND, t, 7, 1).error())
                    .isEqualTo("Invalid: line 57: 'to' must be a string");
        }
    }

    @Test
    void aLineSplitAcrossReadsAndBatchesCrlfAndAFinalLineWithoutNewline() {
        String input = "{\"type\":\"Person\",\"data\":{\"name\":\"a\"}}\r\n\r\n  \n"
                + "{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\"}\r\n"
                + "{\"edge\":\"Knows\",\"from\":\"b\",\"to\":\"a\"}";
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        for (NdjsonParser.Tuning t : TUNINGS) {
            for (int maxRead = 1; maxRead < 12; maxRead++) {
                Outcome o = run(in, LoadMode.OVERWRITE, t, maxRead, maxRead);
                assertThat(o.error()).isNull();
                assertThat(o.dump()).contains("lines=5 bytes=" + in.length)
                        .contains("Knows generated={0, 1} lines=[4, 5]")
                        .contains("src=a, dst=b").contains("src=b, dst=a");
            }
        }
    }

    @Test
    void aReadFailureIsReportedAfterTheLinesBeforeItAndStopsTheScanThread() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\"}\n");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicInteger reads = new AtomicInteger();
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reads.incrementAndGet();
                if (pos > data.length / 2) {
                    throw new IOException("disk gone");
                }
                int k = Math.min(len, 100);
                System.arraycopy(data, pos, b, off, k);
                pos += k;
                return k;
            }
        };
        NdjsonParser.Tuning small = new NdjsonParser.Tuning(16, 1 << 20, 2, true, true);
        assertThatThrownBy(() -> NdjsonParser.parse(SCHEMA, failing, LoadMode.APPEND, LoadLimits.UNBOUNDED,
                LoadProgress.NONE, () -> "x", false, small))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk gone");
        assertThat(scanThreads()).isZero();
    }

    @Test
    void anErrorOnTheLoadingThreadStopsTheReaderBeforeParseReturns() {
        StringBuilder sb = new StringBuilder("{\"type\":\"Person\",\"data\":{\"name\":\"a\"}}\n");
        sb.append("{\"type\":\"Person\",\"data\":{\"name\":\"a\"}}\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append("{\"edge\":\"Knows\",\"from\":\"a\",\"to\":\"b\"}\n");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicInteger reads = new AtomicInteger();
        InputStream counting = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, Math.min(len, 256));
            }
        };
        NdjsonParser.Tuning small = new NdjsonParser.Tuning(1, 1 << 20, 1, true, true);
        AtomicLong n = new AtomicLong();
        assertThatThrownBy(() -> NdjsonParser.parse(SCHEMA, counting, LoadMode.APPEND, LoadLimits.UNBOUNDED,
                LoadProgress.NONE, () -> "01K" + n.incrementAndGet(), false, small))
                .isInstanceOf(EngineException.Invalid.class).hasMessageStartingWith("line 2: duplicate node Person id 'a'");
        int after = reads.get();
        assertThat(scanThreads()).isZero();
        assertThat(after).as("the reader stopped well before the end").isLessThan(data.length / 256 / 2);
        assertThat(reads.get()).isEqualTo(after);
    }

    private static long scanThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("omnigraph-load-scan") && t.isAlive()).count();
    }
}
