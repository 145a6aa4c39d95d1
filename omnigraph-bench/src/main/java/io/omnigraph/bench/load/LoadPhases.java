package io.omnigraph.bench.load;

import io.omnigraph.bench.social.SocialGraph;
import io.omnigraph.engine.api.Graph;
import io.omnigraph.engine.api.InitOptions;
import io.omnigraph.engine.api.LoadRequest;
import io.omnigraph.engine.api.OmniGraph;
import io.omnigraph.engine.load.LoadMode;
import io.omnigraph.engine.load.LoadProgress;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk load of the social graph with the time of each load phase (parse, validate, write, publish) and the CPU and GC
 * time of the whole load — to see where a load spends its time on a busy machine (wall time alone misleads there).
 *
 * <pre>java … io.omnigraph.bench.load.LoadPhases [--persons 100000] [--repeat 2] [--dir DIR]</pre>
 */
public final class LoadPhases {
    private LoadPhases() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SocialGraph.Params p = new SocialGraph.Params(Integer.parseInt(o.getOrDefault("persons", "100000")), 1000, 24.0,
                20_240_611L);
        Path dir = Path.of(o.getOrDefault("dir", Files.createTempDirectory("omnigraph-load").toString()));
        Files.createDirectories(dir);
        Path ndjson = dir.resolve("social.jsonl");
        SocialGraph.writeNdjson(SocialGraph.generate(p), ndjson);
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "2"));
        for (int i = 0; i < repeat; i++) {
            Path root = Files.createDirectories(dir.resolve("g" + i));
            Map<String, Long> at = new LinkedHashMap<>();
            long start = System.nanoTime();
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long gc0 = gcMillis();
            long proc0 = processCpuNanos();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            LoadProgress progress = new LoadProgress() {
                @Override
                public void phase(String phase) {
                    at.put(phase, System.nanoTime());
                }
            };
            try (Graph g = OmniGraph.init(root.toString(), SocialGraph.SCHEMA, InitOptions.defaults());
                 InputStream in = new BufferedInputStream(Files.newInputStream(ndjson), 1 << 20)) {
                g.load(Optional.empty(), LoadRequest.of(in, "main", LoadMode.OVERWRITE).withProgress(progress));
            }
            long end = System.nanoTime();
            StringBuilder sb = new StringBuilder(String.format("load %d: total %.2f s (load thread CPU %.2f s, process CPU %.2f s,"
                            + " GC %.2f s, heap peak ≤ %d MiB):", i, (end - start) / 1e9,
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9,
                    (processCpuNanos() - proc0) / 1e9, (gcMillis() - gc0) / 1e3,
                    peakHeapBytes() >> 20));
            long prev = start;
            String name = "parse";
            for (Map.Entry<String, Long> e : at.entrySet()) {
                sb.append(String.format(" %s %.2f s,", name, (e.getValue() - prev) / 1e9));
                prev = e.getValue();
                name = e.getKey();
            }
            sb.append(String.format(" %s %.2f s", name, (end - prev) / 1e9));
            System.out.println(sb);
        }
    }

    /** CPU of every thread of the process (scan and encode threads, GC, JIT): the load's total work. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Sum of the heap pools' peaks since the reset (an upper bound of the peak heap in use). */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }
}
