package io.omnigraph.bench.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small closed-loop HTTP/1.1 load generator: {@code concurrency} virtual threads, each with its own keep-alive
 * socket, send pre-rendered requests back to back for a warm-up, then for a bounded measured duration, recording every
 * latency. Raw sockets instead of {@code java.net.http} keep the client's own CPU cost low — on a 2-core machine the
 * generator shares the cores with the server it measures.
 */
public final class HttpLoad {
    /** One request: method, path, extra headers (name, value, …) and body. */
    public record Request(String method, String path, byte[] body, String... headers) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            body = body == null ? new byte[0] : body;
        }

        public static Request get(String path, String... headers) {
            return new Request("GET", path, null, headers);
        }

        public static Request postJson(String path, String json, String... headers) {
            String[] all = Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "Content-Type";
            all[headers.length + 1] = "application/json";
            return new Request("POST", path, json.getBytes(StandardCharsets.UTF_8), all);
        }

        byte[] render(String host, int port) {
            StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (body.length > 0 || method.equals("POST")) {
                sb.append("Content-Length: ").append(body.length).append("\r\n");
            }
            sb.append("\r\n");
            byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        }
    }

    /** What one run measured. Latencies in microseconds. */
    public record Result(String name, int concurrency, Duration measured, long requests, long errors, double perSecond,
                         double p50Micros, double p90Micros, double p99Micros, double maxMicros, List<String> sampleErrors) {
        public String row() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f s | %,d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d |", name,
                    concurrency, measured.toMillis() / 1000.0, requests, perSecond, p50Micros / 1000, p90Micros / 1000,
                    p99Micros / 1000, maxMicros / 1000, errors);
        }
    }

    private HttpLoad() {
    }

    /**
     * Runs {@code requests} (round-robin per worker, offset by worker index) against {@code host:port}.
     *
     * @param expectStatus the status every response must have; anything else (or an I/O error) is an error
     */
    public static Result run(String name, String host, int port, List<Request> requests, int concurrency,
                             Duration warmup, Duration measured, int expectStatus) throws InterruptedException {
        List<byte[]> rendered = requests.stream().map(r -> r.render(host, port)).toList();
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long[] errors = new long[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread.ofVirtual().name("load-" + w).start(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                long errs = 0;
                int i = worker;
                Socket socket = null;
                InputStream in = null;
                try {
                    while (!stop.get()) {
                        try {
                            if (socket == null) {
                                socket = new Socket();
                                socket.setTcpNoDelay(true);
                                socket.connect(new InetSocketAddress(host, port), 5000);
                                socket.setSoTimeout(30_000);
                                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                            }
                            byte[] req = rendered.get(i++ % rendered.size());
                            long t0 = System.nanoTime();
                            OutputStream out = socket.getOutputStream();
                            out.write(req);
                            out.flush();
                            Response r = Response.read(in);
                            long t = System.nanoTime() - t0;
                            if (recording.get()) {
                                if (n == lat.length) {
                                    lat = Arrays.copyOf(lat, lat.length * 2);
                                }
                                lat[n++] = t;
                                if (r.status != expectStatus) {
                                    errs++;
                                    if (errorSamples.size() < 5) {
                                        errorSamples.add(r.status + " " + new String(r.body, StandardCharsets.UTF_8));
                                    }
                                }
                            }
                            if (r.close) {
                                socket.close();
                                socket = null;
                            }
                        } catch (IOException e) {
                            if (recording.get()) {
                                errs++;
                                if (errorSamples.size() < 5) {
                                    errorSamples.add(e.toString());
                                }
                            }
                            closeQuietly(socket);
                            socket = null;
                        }
                    }
                } finally {
                    closeQuietly(socket);
                    latencies[worker] = lat;
                    counts[worker] = n;
                    errors[worker] = errs;
                    done.countDown();
                }
            });
        }
        Thread.sleep(warmup.toMillis());
        recording.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        recording.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        done.await();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        long errs = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
            errs += errors[w];
        }
        Arrays.sort(all);
        double seconds = elapsed / 1e9;
        return new Result(name, concurrency, Duration.ofNanos(elapsed), total, errs, total / seconds,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1000.0,
                new ArrayList<>(errorSamples));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, idx)] / 1000.0;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
        }
    }

    /** A parsed response (status, body, whether the server closes the connection). */
    static final class Response {
        final int status;
        final byte[] body;
        final boolean close;

        private Response(int status, byte[] body, boolean close) {
            this.status = status;
            this.body = body;
            this.close = close;
        }

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("connection closed by the server");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    String size = line(in);
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        line(in);
                        break;
                    }
                    body.write(in.readNBytes(n));
                    line(in);
                }
            } else if (length > 0) {
                body.write(in.readNBytes((int) length));
            }
            return new Response(status, body.toByteArray(), close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
    }
}
