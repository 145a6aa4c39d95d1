package io.omnigraph.server.http;

import java.io.PrintStream;

/** Runs a started server as a process: announces the address and serves until SIGINT/SIGTERM. */
public final class ServerRunner {
    private ServerRunner() {
    }

    /**
     * Prints exactly one line {@code OMNIGRAPH_LISTEN_ADDR=<ip:port>} to {@code stdout}, installs a shutdown hook
     * that stops the server gracefully (SIGINT/SIGTERM), and blocks until the server has stopped.
     */
    public static void serveUntilShutdown(OmnigraphServer server, PrintStream stdout) throws InterruptedException {
        stdout.println(server.listenAddressLine());
        stdout.flush();
        Thread hook = new Thread(server::close, "omnigraph-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitTermination();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting through the hook itself
            }
        }
    }
}
