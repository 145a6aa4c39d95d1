package io.omnigraph.engine.history;

import io.omnigraph.engine.format.Commit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge-base walk that loads a step's parents together and skips loads that could only carry stale marks gives the
 * same bases as the classic walk (kept here as the reference) on random DAGs with merges, and loads fewer commits.
 */
class MergeBaseWalkTest {

    static Commit c(Map<String, Commit> all, String id, String... parents) {
        long gen = 1;
        for (String p : parents) {
            gen = Math.max(gen, all.get(p).generation() + 1);
        }
        Commit c = new Commit(1, id, List.of(parents), gen, gen, "main", Optional.empty(), gen, "x", "", "sha256:0", Map.of());
        all.put(id, c);
        return c;
    }

    @Test
    void sameBasesAsTheClassicWalkOnRandomDags() {
        long classicLoads = 0;
        long newLoads = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            Map<String, Commit> all = new HashMap<>();
            List<String> ids = new ArrayList<>();
            ids.add(c(all, "c000").id());
            for (int i = 1; i < 120; i++) {
                String id = String.format("c%03d", i);
                String p1 = ids.get(Math.max(0, ids.size() - 1 - rnd.nextInt(Math.min(ids.size(), 12))));
                if (rnd.nextInt(30) == 0) {
                    ids.add(c(all, id).id()); // a second root: some pairs share no history, others meet through merges
                } else if (rnd.nextInt(5) == 0 && ids.size() > 2) {
                    String p2 = ids.get(rnd.nextInt(ids.size()));
                    ids.add(p2.equals(p1) ? c(all, id, p1).id() : c(all, id, p1, p2).id());
                } else {
                    ids.add(c(all, id, p1).id());
                }
            }
            for (int q = 0; q < 30; q++) {
                Commit a = all.get(ids.get(rnd.nextInt(ids.size())));
                Commit b = all.get(ids.get(rnd.nextInt(ids.size())));
                long[] n = {0, 0};
                Function<String, Commit> countedClassic = id -> {
                    n[0]++;
                    return all.get(id);
                };
                Function<String, Commit> counted = id -> {
                    n[1]++;
                    return all.get(id);
                };
                List<String> expected = classic(a, b, countedClassic).stream().map(Commit::id).toList();
                List<String> got = MergeBase.all(a, b, counted, l -> l.stream().map(counted).toList()).stream()
                        .map(Commit::id).toList();
                assertThat(got).as("merge bases of %s and %s (seed %d)", a.id(), b.id(), seed).isEqualTo(expected);
                classicLoads += n[0];
                newLoads += n[1];
            }
        }
        assertThat(newLoads).as("commit loads").isLessThan(classicLoads);
    }

    @Test
    void aForkLoadsTheBaseButNotItsParent() {
        Map<String, Commit> all = new HashMap<>();
        c(all, "g");
        c(all, "b", "g");
        Commit s = c(all, "s", "b");
        Commit t = c(all, "t", "b");
        List<String> loaded = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        Function<String, Commit> load = id -> {
            loaded.add(id);
            return all.get(id);
        };
        List<Commit> bases = MergeBase.all(s, t, load, l -> {
            batches.add(l);
            return l.stream().map(load).toList();
        });
        assertThat(bases).extracting(Commit::id).containsExactly("b");
        assertThat(loaded).containsExactly("b");
        assertThat(batches).hasSize(1);
    }

    /** The walk before parents were batched (reference implementation). */
    static List<Commit> classic(Commit a, Commit b, Function<String, Commit> load) {
        final int fa = 1;
        final int fb = 2;
        final int stale = 4;
        final int result = 8;
        if (a.id().equals(b.id())) {
            return List.of(a);
        }
        Comparator<Commit> order = Comparator.comparingLong(Commit::generation).reversed().thenComparing(Commit::id);
        PriorityQueue<Commit> queue = new PriorityQueue<>(order);
        Map<String, Integer> flags = new HashMap<>();
        flags.put(a.id(), fa);
        flags.put(b.id(), fb);
        queue.add(a);
        queue.add(b);
        List<Commit> results = new ArrayList<>();
        while (queue.stream().anyMatch(c -> (flags.get(c.id()) & stale) == 0)) {
            Commit c = queue.poll();
            int f = flags.get(c.id());
            if ((f & (fa | fb)) == (fa | fb)) {
                if ((f & result) == 0) {
                    flags.put(c.id(), f | result);
                    results.add(c);
                }
                f |= stale;
            }
            for (String pid : c.parents()) {
                int pf = flags.getOrDefault(pid, 0);
                int nf = pf | (f & (fa | fb | stale));
                if (nf != pf) {
                    flags.put(pid, nf);
                    queue.add(load.apply(pid));
                }
            }
        }
        List<Commit> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(results));
        sorted.sort(order);
        if (sorted.size() <= 1) {
            return sorted;
        }
        List<Commit> out = new ArrayList<>();
        for (Commit c : sorted) {
            boolean redundant = false;
            for (Commit other : sorted) {
                if (other != c && other.generation() > c.generation() && MergeBase.isAncestor(c, other, id -> load.apply(id))) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                out.add(c);
            }
        }
        return out;
    }
}
