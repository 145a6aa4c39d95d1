package io.omnigraph.cli.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress for long operations ({@code export}, {@code optimize}, {@code cleanup}) on stderr: on a terminal a
 * spinner line {@code optimize ⠋ 3.2 s} (plus bytes written, for streams) redrawn in place and cleared at the end;
 * without a terminal, a plain line every 10 seconds while it runs ({@code optimize: still running (20 s)}), nothing
 * for short runs. {@code --quiet} silences both.
 */
public final class Activity implements AutoCloseable {
    private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
    private final PrintStream err;
    private final String task;
    private final boolean tty;
    private final long start = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong(-1);
    private final Thread ticker;
    private volatile boolean done;

    private Activity(PrintStream err, String task, boolean tty, boolean silent) {
        this.err = err;
        this.task = task;
        this.tty = tty;
        if (silent) {
            ticker = null;
            return;
        }
        ticker = Thread.ofVirtual().unstarted(this::tick);
        ticker.start();
    }

    /** Starts reporting {@code task} (silent with {@code quiet}). */
    public static Activity start(CliContext context, boolean quiet, String task) {
        return new Activity(context.err(), task, context.interactive(), quiet);
    }

    /** Wraps a stream so the spinner shows the bytes written through it. */
    public OutputStream counting(OutputStream out) {
        bytes.set(0);
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes.addAndGet(len);
            }
        };
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void tick() {
        int frame = 0;
        long nextPlain = 10;
        try {
            Thread.sleep(tty ? 300 : 1000);
            while (!done) {
                if (tty) {
                    long b = bytes.get();
                    synchronized (err) {
                        err.print("\r" + task + " " + FRAMES.charAt(frame++ % FRAMES.length()) + String.format(" %.1f s", seconds())
                                + (b >= 0 ? String.format("  %.1f MiB", b / 1048576.0) : "") + "\u001b[K");
                        err.flush();
                    }
                    Thread.sleep(120);
                } else {
                    if (seconds() >= nextPlain) {
                        err.println(task + ": still running (" + nextPlain + " s)");
                        nextPlain += 10;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (ticker == null || done) {
            return;
        }
        done = true;
        ticker.interrupt();
        try {
            ticker.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tty) {
            synchronized (err) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
