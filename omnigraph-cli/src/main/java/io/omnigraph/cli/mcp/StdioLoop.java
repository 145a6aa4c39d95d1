package io.omnigraph.cli.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The MCP stdio framing: one JSON-RPC message per line on stdin, one per line on stdout (nothing else is ever written
 * to stdout). Messages are handled concurrently (a slow tool call does not block a ping); writes are serialized. At
 * end of input the loop waits for the messages in flight, then returns.
 */
final class StdioLoop {
    private StdioLoop() {
    }

    /**
     * @param handler one message in, the response lines out (empty for notifications)
     */
    static void run(InputStream in, PrintStream out, Function<String, Optional<String>> handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Object lock = new Object();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String line;
            while ((line = reader.readLine()) != null) {
                String message = line.strip();
                if (message.isEmpty()) {
                    continue;
                }
                pool.submit(() -> {
                    Optional<String> reply = handler.apply(message);
                    reply.ifPresent(r -> {
                        synchronized (lock) {
                            out.print(r.replace("\n", "").replace("\r", ""));
                            out.print('\n');
                            out.flush();
                        }
                    });
                });
            }
        }
    }
}
