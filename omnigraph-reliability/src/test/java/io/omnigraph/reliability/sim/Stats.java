package io.omnigraph.reliability.sim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Figures of a simulation run, shared by the universes of one run (thread-safe). */
final class Stats {
    final AtomicLong universes = new AtomicLong();
    final AtomicLong steps = new AtomicLong();
    final AtomicLong crashes = new AtomicLong();
    final AtomicLong recoveries = new AtomicLong();
    final AtomicLong interleavings = new AtomicLong();
    final AtomicLong checks = new AtomicLong();
    final AtomicLong storeCalls = new AtomicLong();
    final Map<String, AtomicLong> faults = FaultPlan.newCounters();
    final Map<String, AtomicLong> outcomes = new ConcurrentSkipListMap<>();
    final Set<String> crashPoints = ConcurrentHashMap.newKeySet();

    void outcome(String what) {
        outcomes.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    long faultsInjected() {
        return faults.values().stream().mapToLong(AtomicLong::get).sum();
    }

    String summary(long millis) {
        Map<String, Long> o = new TreeMap<>();
        outcomes.forEach((k, v) -> o.put(k, v.get()));
        return String.format("simulation: %d universes, %d steps, %d store calls, %d oracle checks, %d faults injected %s,"
                        + " %d crashes (%d distinct crash points: op x store-call ordinal x call kind), %d recoveries,"
                        + " %d interleavings, outcomes %s, %d ms", universes.get(), steps.get(), storeCalls.get(),
                checks.get(), faultsInjected(), FaultPlan.snapshot(faults), crashes.get(), crashPoints.size(),
                recoveries.get(), interleavings.get(), o, millis);
    }
}
