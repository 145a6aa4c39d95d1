package io.omnigraph.testkit.storage;

import io.omnigraph.storage.local.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes racing on one local store root: the guarantees must hold across JVMs (hard links and OS file
 * locks), not only across threads.
 */
class LocalObjectStoreMultiProcessTest {
    private static final int PROCESSES = 4;
    private static final int KEYS = 25;
    private static final int INCREMENTS = 40;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void processesRacingOnOneRootHaveOneWinnerPerKeyAndLoseNoIncrement() throws Exception {
        Path root = tmp.resolve("shared-root");
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("race/counter", "0".getBytes(StandardCharsets.UTF_8));
        Path go = tmp.resolve("go");
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");

        List<Process> processes = new ArrayList<>();
        // one reader thread per worker: the common pool may have a single thread on a small machine
        ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<List<String>>> outputs = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                Process proc = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx96m",
                        "-cp", classpath, LocalRaceWorker.class.getName(), root.toString(), "w" + p,
                        Integer.toString(KEYS), Integer.toString(INCREMENTS), go.toString())
                        .redirectErrorStream(true).start();
                processes.add(proc);
                CompletableFuture<Void> isReady = new CompletableFuture<>();
                ready.add(isReady);
                outputs.add(CompletableFuture.supplyAsync(() -> readLines(proc, isReady), readers));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Files.writeString(go, "go");
            for (Process proc : processes) {
                assertThat(proc.waitFor(90, TimeUnit.SECONDS)).as("worker finished").isTrue();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
            readers.shutdown();
        }

        Map<String, String> winners = new HashMap<>();
        Set<Integer> written = new HashSet<>();
        for (int p = 0; p < PROCESSES; p++) {
            List<String> lines = outputs.get(p).get(10, TimeUnit.SECONDS);
            assertThat(processes.get(p).exitValue()).as("worker w%d exit; output:%n%s", p, String.join("\n", lines))
                    .isZero();
            assertThat(lines).contains("DONE w" + p);
            for (String line : lines) {
                if (line.startsWith("WON ")) {
                    String key = line.substring(4);
                    String previous = winners.put(key, "w" + p);
                    assertThat(previous).as("%s won by both %s and w%d", key, previous, p).isNull();
                } else if (line.startsWith("WROTE ")) {
                    int v = Integer.parseInt(line.substring(6));
                    assertThat(written.add(v)).as("value %d written by two processes", v).isTrue();
                }
            }
        }
        assertThat(winners).as("every key has exactly one winner").hasSize(KEYS);
        for (var e : winners.entrySet()) {
            assertThat(store.get("race/" + e.getKey()).orElseThrow().utf8()).isEqualTo(e.getValue() + "\n");
        }
        assertThat(written).hasSize(PROCESSES * INCREMENTS);
        assertThat(store.get("race/counter").orElseThrow().utf8()).isEqualTo(Integer.toString(PROCESSES * INCREMENTS));
    }

    private static List<String> readLines(Process proc, CompletableFuture<Void> ready) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
                if (line.startsWith("READY ")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            lines.add("IO " + e);
        }
        ready.complete(null); // a worker that died before READY is reported by its exit code
        return lines;
    }
}
