package io.omnigraph.testkit.storage;

import io.omnigraph.storage.Keys;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;
import io.omnigraph.storage.wrap.ConditionalWrites;
import io.omnigraph.storage.wrap.ConditionalWrites.Outcome;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore;
import io.omnigraph.storage.wrap.FaultInjectingObjectStore.Fault;
import io.omnigraph.storage.wrap.StoreOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The contract of {@link ObjectStore}, checked the same way for every backend and wrapper. A backend test extends
 * this class and implements {@link #newStore()}; every test gets a fresh, empty store.
 *
 * <p>Covered: get/head/put/list/delete semantics, key validation, list order and prefix semantics, binary, empty and
 * large objects, version tokens, atomic overwrite under concurrent readers, create-if-absent and if-match semantics,
 * races (N threads on one key: exactly one creator; concurrent CAS increments: no lost update), and the "412 after a
 * landed write" case resolved by {@link ConditionalWrites}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ObjectStoreContract {

    /** A fresh, empty store. It is closed after the test. */
    protected abstract ObjectStore newStore() throws Exception;

    /** Threads in the race tests. */
    protected int raceThreads() {
        return 8;
    }

    /** Successful increments each thread makes in the CAS race. */
    protected int casIncrementsPerThread() {
        return 10;
    }

    protected ObjectStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(List<ObjectInfo> infos) {
        return infos.stream().map(ObjectInfo::key).toList();
    }

    // ------------------------------------------------------------------------------------------------ basics

    @Test
    void missingKeysReadAsEmpty() {
        assertThat(store.get("nope/missing.json")).isEmpty();
        assertThat(store.head("nope/missing.json")).isEmpty();
        assertThat(store.exists("nope/missing.json")).isFalse();
        assertThat(store.list("")).isEmpty();
        assertThat(store.list("nope/")).isEmpty();
    }

    @Test
    void putThenReadBackEverywhere() {
        String v = store.put("graphs/a/graph.json", utf8("{\"format\":1}"));
        assertThat(v).isNotBlank();

        StoredObject got = store.get("graphs/a/graph.json").orElseThrow();
        assertThat(got.utf8()).isEqualTo("{\"format\":1}");
        assertThat(got.version()).isEqualTo(v);

        ObjectInfo head = store.head("graphs/a/graph.json").orElseThrow();
        assertThat(head).isEqualTo(new ObjectInfo("graphs/a/graph.json", 12, v));
        assertThat(store.exists("graphs/a/graph.json")).isTrue();

        assertThat(store.list("")).containsExactly(new ObjectInfo("graphs/a/graph.json", 12, v));
    }

    @Test
    void overwriteReplacesBytesAndChangesVersion() {
        String v1 = store.put("k", utf8("one"));
        String v2 = store.put("k", utf8("two, longer"));
        assertThat(v2).isNotEqualTo(v1);
        StoredObject got = store.get("k").orElseThrow();
        assertThat(got.utf8()).isEqualTo("two, longer");
        assertThat(got.version()).isEqualTo(v2);
        assertThat(store.head("k").orElseThrow().size()).isEqualTo(11);
        assertThat(store.list("")).hasSize(1);
    }

    @Test
    void versionsAgreeAcrossWritesReadsAndListings() {
        String a = store.put("v/a", utf8("alpha"));
        String b = store.putIfAbsent("v/b", utf8("beta"));
        String c0 = store.put("v/c", utf8("c0"));
        String c = store.putIfMatch("v/c", utf8("c1"), c0);
        for (var e : List.of(new String[] {"v/a", a}, new String[] {"v/b", b}, new String[] {"v/c", c})) {
            assertThat(store.get(e[0]).orElseThrow().version()).as("get %s", e[0]).isEqualTo(e[1]);
            assertThat(store.head(e[0]).orElseThrow().version()).as("head %s", e[0]).isEqualTo(e[1]);
        }
        assertThat(store.list("v/")).extracting(ObjectInfo::version).containsExactly(a, b, c);
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        store.put("d/x", utf8("x"));
        store.put("d/y", utf8("y"));
        store.delete("d/x");
        assertThat(store.get("d/x")).isEmpty();
        assertThat(store.head("d/x")).isEmpty();
        assertThat(keys(store.list(""))).containsExactly("d/y");
        store.delete("d/x");
        store.delete("never/existed");
        store.delete("d/y");
        assertThat(store.list("")).isEmpty();
        assertThat(store.get("d/y")).isEmpty();
    }

    @Test
    void storeCopiesByteArrays() {
        byte[] input = utf8("original");
        store.put("copy", input);
        input[0] = 'X';
        byte[] read = store.get("copy").orElseThrow().bytes();
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("original");
        read[0] = 'Y';
        assertThat(store.get("copy").orElseThrow().utf8()).isEqualTo("original");
    }

    // ------------------------------------------------------------------------------------------------ content

    @Test
    void emptyObjects() {
        String v = store.put("empty/a", new byte[0]);
        assertThat(store.get("empty/a").orElseThrow().bytes()).isEmpty();
        assertThat(store.get("empty/a").orElseThrow().version()).isEqualTo(v);
        assertThat(store.head("empty/a").orElseThrow().size()).isZero();
        store.putIfAbsent("empty/b", new byte[0]);
        assertThat(store.list("empty/")).extracting(ObjectInfo::size).containsExactly(0L, 0L);
        String v2 = store.putIfMatch("empty/a", utf8("now full"), v);
        assertThat(store.get("empty/a").orElseThrow().version()).isEqualTo(v2);
    }

    @Test
    void binaryContentRoundTrips() {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] random = new byte[64 * 1024 + 7];
        new Random(42).nextBytes(random);
        store.put("bin/all-bytes", all);
        store.putIfAbsent("bin/random", random);
        assertThat(store.get("bin/all-bytes").orElseThrow().bytes()).isEqualTo(all);
        assertThat(store.get("bin/random").orElseThrow().bytes()).isEqualTo(random);
        assertThat(store.head("bin/random").orElseThrow().size()).isEqualTo(random.length);
    }

    @Test
    void largeObjectsRoundTrip() {
        byte[] big = new byte[5 * 1024 * 1024 + 13];
        new Random(7).nextBytes(big);
        String v = store.put("segments/people/0001.parquet", big);
        StoredObject got = store.get("segments/people/0001.parquet").orElseThrow();
        assertThat(got.version()).isEqualTo(v);
        assertThat(Arrays.equals(got.bytes(), big)).as("5 MiB object read back byte for byte").isTrue();
        assertThat(store.head("segments/people/0001.parquet").orElseThrow().size()).isEqualTo(big.length);
        byte[] big2 = big.clone();
        big2[big2.length / 2] ^= 1;
        String v2 = store.putIfMatch("segments/people/0001.parquet", big2, v);
        assertThat(v2).as("one flipped bit changes the version").isNotEqualTo(v);
    }

    @Test
    void unicodeAndPunctuationKeys() {
        List<String> odd = List.of("données/été.json", "中文/键", "emoji/😀.txt", "sp ace/a+b=c,d;e@f", "q/x~y!z'(1)");
        for (String k : odd) {
            store.put(k, utf8(k));
        }
        for (String k : odd) {
            assertThat(store.get(k).orElseThrow().utf8()).as(k).isEqualTo(k);
        }
        List<String> sorted = new ArrayList<>(odd);
        Collections.sort(sorted);
        assertThat(keys(store.list(""))).containsExactlyElementsOf(sorted);
        assertThat(keys(store.list("données/"))).containsExactly("données/été.json");
    }

    // ------------------------------------------------------------------------------------------------ listing

    @Test
    void listIsRecursiveSortedAndByPlainStringPrefix() {
        List<String> all = List.of("b/x", "a/bc", "a-c", "ab", "a/b/d/e", "a/b/c", "refs/branches/main.json",
                "refs/branches/feature.json", "refs/tags/v1.json");
        for (String k : all) {
            store.put(k, utf8("value of " + k));
        }
        List<String> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        assertThat(keys(store.list(""))).containsExactlyElementsOf(sorted);
        assertThat(keys(store.list("a"))).containsExactly("a-c", "a/b/c", "a/b/d/e", "a/bc", "ab");
        assertThat(keys(store.list("a/"))).containsExactly("a/b/c", "a/b/d/e", "a/bc");
        assertThat(keys(store.list("a/b"))).containsExactly("a/b/c", "a/b/d/e", "a/bc");
        assertThat(keys(store.list("a/b/"))).containsExactly("a/b/c", "a/b/d/e");
        assertThat(keys(store.list("a/b/d/e"))).containsExactly("a/b/d/e");
        assertThat(keys(store.list("refs/br"))).containsExactly("refs/branches/feature.json",
                "refs/branches/main.json");
        assertThat(store.list("zzz")).isEmpty();
        assertThat(store.list("a/b/c/")).isEmpty();
        assertThat(store.list("b/")).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo("b/x");
            assertThat(i.size()).isEqualTo(utf8("value of b/x").length);
        });
    }

    @Test
    void listReflectsDeletes() {
        for (int i = 0; i < 30; i++) {
            store.put(String.format("many/%03d", i), utf8("n" + i));
        }
        for (int i = 0; i < 30; i += 3) {
            store.delete(String.format("many/%03d", i));
        }
        List<String> keys = keys(store.list("many/"));
        assertThat(keys).hasSize(20).isSorted().doesNotContain("many/000", "many/027").contains("many/001");
    }

    // ------------------------------------------------------------------------------------------------ keys

    @Test
    void invalidKeysAreRefusedBeforeAnyIo() {
        List<String> bad = new ArrayList<>(List.of("", "/abs", "trailing/", "a//b", "./a", "a/./b", "a/../b", "..",
                "back\\slash", "ctl\u0001char", "nl\nkey", "del\u007f", ".omnigraph-tmp/x", "x/.omnigraph-lock",
                "half\uD800surrogate"));
        bad.add("k/" + "x".repeat(Keys.MAX_SEGMENT_BYTES + 1));
        bad.add(("abcdefghi/").repeat(103) + "z");
        for (String key : bad) {
            List<Executable> calls = List.of(() -> store.get(key), () -> store.head(key),
                    () -> store.put(key, utf8("x")), () -> store.putIfAbsent(key, utf8("x")),
                    () -> store.putIfMatch(key, utf8("x"), "v"), () -> store.delete(key));
            for (Executable call : calls) {
                Throwable t = catchThrowable(call::execute);
                assertThat(t).as("key %s", Keys.printable(key)).isInstanceOf(StoreException.Configuration.class);
                assertThat(((StoreException) t).code()).isEqualTo(StorageErrorCode.INVALID_KEY);
                assertThat(t.getMessage()).contains("invalid object key");
            }
        }
        for (String prefix : List.of("/x", "a//", "../", "x/../y/")) {
            assertThatThrownBy(() -> store.list(prefix)).as("prefix %s", prefix)
                    .isInstanceOf(StoreException.Configuration.class);
        }
        assertThat(store.list("")).as("nothing was written").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ conditional

    @Test
    void putIfAbsentCreatesOnlyOnce() {
        String v = store.putIfAbsent("refs/branches/main.json", utf8("first"));
        StoreException e = (StoreException) catchThrowable(
                () -> store.putIfAbsent("refs/branches/main.json", utf8("second")));
        assertThat(e).isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(e.code()).isEqualTo(StorageErrorCode.PRECONDITION_FAILED);
        assertThat(e.key()).endsWith("refs/branches/main.json");
        StoredObject got = store.get("refs/branches/main.json").orElseThrow();
        assertThat(got.utf8()).isEqualTo("first");
        assertThat(got.version()).isEqualTo(v);

        store.put("plain", utf8("p"));
        assertThatThrownBy(() -> store.putIfAbsent("plain", utf8("q")))
                .isInstanceOf(StoreException.PreconditionFailed.class);
    }

    @Test
    void putIfAbsentWorksAgainAfterDelete() {
        store.putIfAbsent("lock.json", utf8("holder-1"));
        store.delete("lock.json");
        store.putIfAbsent("lock.json", utf8("holder-2"));
        assertThat(store.get("lock.json").orElseThrow().utf8()).isEqualTo("holder-2");
    }

    @Test
    void putIfMatchReplacesOnlyTheCurrentVersion() {
        String v1 = store.put("state.json", utf8("{\"n\":1}"));
        String v2 = store.putIfMatch("state.json", utf8("{\"n\":2}"), v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThatThrownBy(() -> store.putIfMatch("state.json", utf8("{\"n\":3}"), v1))
                .isInstanceOf(StoreException.PreconditionFailed.class)
                .extracting(t -> ((StoreException) t).code()).isEqualTo(StorageErrorCode.PRECONDITION_FAILED);
        assertThat(store.get("state.json").orElseThrow().utf8()).isEqualTo("{\"n\":2}");
        assertThatThrownBy(() -> store.putIfMatch("state.json", utf8("{\"n\":3}"), "not-a-version"))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        String v3 = store.putIfMatch("state.json", utf8("{\"n\":3}"), v2);
        assertThat(store.get("state.json").orElseThrow().version()).isEqualTo(v3);
    }

    @Test
    void putIfMatchNeverUndoesAnEarlierPutOrDelete() {
        String v1 = store.put("ref", utf8("commit-1"));
        store.put("ref", utf8("commit-2 by someone else"));
        assertThatThrownBy(() -> store.putIfMatch("ref", utf8("commit-3"), v1))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        String v2 = store.head("ref").orElseThrow().version();
        store.delete("ref");
        assertThatThrownBy(() -> store.putIfMatch("ref", utf8("commit-3"), v2))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.get("ref")).isEmpty();
    }

    @Test
    void putIfMatchOnAMissingKeyFails() {
        assertThatThrownBy(() -> store.putIfMatch("never/there", utf8("x"), "\"abc\""))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThatThrownBy(() -> store.putIfMatch("top-level-missing", utf8("x"), "abc"))
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void versionsFromHeadAndListWorkForCompareAndSwap() {
        store.put("cas/a", utf8("a0"));
        store.put("cas/b", utf8("b0"));
        String fromHead = store.head("cas/a").orElseThrow().version();
        store.putIfMatch("cas/a", utf8("a1"), fromHead);
        String fromList = store.list("cas/b").get(0).version();
        store.putIfMatch("cas/b", utf8("b1"), fromList);
        assertThat(store.get("cas/a").orElseThrow().utf8()).isEqualTo("a1");
        assertThat(store.get("cas/b").orElseThrow().utf8()).isEqualTo("b1");
    }

    // ------------------------------------------------------------------------------------------------ concurrency

    @Test
    void overwriteIsAtomicForConcurrentReaders() throws Exception {
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[300 * 1024];
        Arrays.fill(a, (byte) 'A');
        Arrays.fill(b, (byte) 'B');
        store.put("atomic", a);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    while (!done.get() || reads.get() < 4) {
                        byte[] seen = store.get("atomic").orElseThrow().bytes();
                        reads.incrementAndGet();
                        boolean whole = Arrays.equals(seen, a) || Arrays.equals(seen, b);
                        if (!whole) {
                            throw new AssertionError("torn read: " + seen.length + " bytes");
                        }
                    }
                    return null;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.put("atomic", i % 2 == 0 ? b : a);
                }
                done.set(true);
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void racingCreatorsHaveExactlyOneWinner() throws Exception {
        int n = raceThreads();
        for (int round = 0; round < 3; round++) {
            String key = "race/ref-" + round + ".json";
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                byte[] payload = utf8("{\"writer\":\"w" + t + "\"}");
                racers.add(() -> {
                    try {
                        store.putIfAbsent(key, payload);
                        return true;
                    } catch (StoreException.PreconditionFailed e) {
                        return false;
                    }
                });
            }
            List<Boolean> won = runTogether(racers);
            int winner = won.indexOf(true);
            assertThat(won.stream().filter(w -> w).count()).as("winners of round %d: %s", round, won).isEqualTo(1);
            assertThat(store.get(key).orElseThrow().utf8()).isEqualTo("{\"writer\":\"w" + winner + "\"}");
        }
    }

    @Test
    void concurrentCompareAndSwapIncrementsLoseNoUpdate() throws Exception {
        int threads = raceThreads();
        int perThread = casIncrementsPerThread();
        store.put("counter", utf8("0"));
        List<Callable<List<Integer>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                List<Integer> written = new ArrayList<>();
                while (written.size() < perThread) {
                    StoredObject current = store.get("counter").orElseThrow();
                    int next = Integer.parseInt(current.utf8()) + 1;
                    try {
                        store.putIfMatch("counter", utf8(Integer.toString(next)), current.version());
                        written.add(next);
                    } catch (StoreException.PreconditionFailed lost) {
                        // someone else moved it: read again
                    }
                }
                return written;
            });
        }
        List<List<Integer>> results = runTogether(workers);
        int total = threads * perThread;
        assertThat(store.get("counter").orElseThrow().utf8()).isEqualTo(Integer.toString(total));
        Set<Integer> all = new HashSet<>();
        for (List<Integer> r : results) {
            for (int v : r) {
                assertThat(all.add(v)).as("value %d was written by two winners", v).isTrue();
            }
        }
        assertThat(all).hasSize(total);
    }

    /** Starts all tasks at once (as far as threads allow) and returns their results in order. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(90, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ lost answers

    @Test
    void createWhoseAnswerWasLostIsRecognisedAsOurs() {
        FaultInjectingObjectStore flaky = new FaultInjectingObjectStore(store)
                .landThenPreconditionFailed(StoreOp.PUT_IF_ABSENT, 1);
        byte[] ours = utf8("{\"head\":\"c1\",\"writer\":\"01JTOKEN-A\"}");
        assertThatThrownBy(() -> new FaultInjectingObjectStore(store)
                .landThenPreconditionFailed(StoreOp.PUT_IF_ABSENT, 1).putIfAbsent("probe", ours))
                .as("the raw call reports a 412 although it landed")
                .isInstanceOf(StoreException.PreconditionFailed.class);
        assertThat(store.get("probe")).isPresent();

        ConditionalWrites.Result r = ConditionalWrites.createOrConfirm(flaky, "refs/branches/main.json", ours);
        assertThat(r.outcome()).isEqualTo(Outcome.ALREADY_OURS);
        assertThat(r.ours()).isTrue();
        StoredObject stored = store.get("refs/branches/main.json").orElseThrow();
        assertThat(stored.bytes()).isEqualTo(ours);
        assertThat(r.version()).contains(stored.version());
    }

    @Test
    void compareAndSwapWhoseAnswerWasLostIsRecognisedAsOurs() {
        String v0 = store.put("refs/branches/main.json", utf8("{\"head\":\"c0\",\"writer\":\"w0\"}"));
        FaultInjectingObjectStore flaky = new FaultInjectingObjectStore(store)
                .landThenPreconditionFailed(StoreOp.PUT_IF_MATCH, 1);
        byte[] ours = utf8("{\"head\":\"c1\",\"writer\":\"w1\"}");
        ConditionalWrites.Result r = ConditionalWrites.replaceOrConfirm(flaky, "refs/branches/main.json", ours, v0);
        assertThat(r.outcome()).isEqualTo(Outcome.ALREADY_OURS);
        String now = store.head("refs/branches/main.json").orElseThrow().version();
        assertThat(r.version()).contains(now);
        // and the confirmed version is usable for the next CAS
        ConditionalWrites.Result next = ConditionalWrites.replaceOrConfirm(store, "refs/branches/main.json",
                utf8("{\"head\":\"c2\",\"writer\":\"w2\"}"), now);
        assertThat(next.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(next.version()).contains(store.get("refs/branches/main.json").orElseThrow().version());
    }

    @Test
    void writeWhoseAnswerTimedOutIsRecognisedAsOurs() {
        FaultInjectingObjectStore flaky = new FaultInjectingObjectStore(store)
                .landThenFail(StoreOp.PUT_IF_ABSENT, 1, Fault.TRANSIENT);
        ConditionalWrites.Result r = ConditionalWrites.createOrConfirm(flaky, "sidecar.json", utf8("op-77"));
        assertThat(r.outcome()).isEqualTo(Outcome.ALREADY_OURS);

        FaultInjectingObjectStore failing = new FaultInjectingObjectStore(store)
                .failCall(StoreOp.PUT_IF_ABSENT, 1, Fault.TRANSIENT);
        assertThatThrownBy(() -> ConditionalWrites.createOrConfirm(failing, "other.json", utf8("op-78")))
                .as("a write that did not land stays an unknown outcome")
                .isInstanceOf(StoreException.Transient.class);
        assertThat(store.get("other.json")).isEmpty();
    }

    @Test
    void someoneElsesWriteIsLost() {
        store.putIfAbsent("refs/branches/dev.json", utf8("{\"writer\":\"them\"}"));
        ConditionalWrites.Result r = ConditionalWrites.createOrConfirm(store, "refs/branches/dev.json",
                utf8("{\"writer\":\"us\"}"));
        assertThat(r.outcome()).isEqualTo(Outcome.LOST);
        assertThat(r.ours()).isFalse();
        assertThat(r.current()).map(StoredObject::utf8).contains("{\"writer\":\"them\"}");

        String stale = store.head("refs/branches/dev.json").orElseThrow().version();
        store.put("refs/branches/dev.json", utf8("{\"writer\":\"them again\"}"));
        ConditionalWrites.Result cas = ConditionalWrites.replaceOrConfirm(store, "refs/branches/dev.json",
                utf8("{\"writer\":\"us\"}"), stale);
        assertThat(cas.outcome()).isEqualTo(Outcome.LOST);
        assertThat(cas.current()).map(StoredObject::utf8).contains("{\"writer\":\"them again\"}");

        store.delete("refs/branches/dev.json");
        ConditionalWrites.Result gone = ConditionalWrites.replaceOrConfirm(store, "refs/branches/dev.json",
                utf8("{\"writer\":\"us\"}"), stale);
        assertThat(gone.outcome()).isEqualTo(Outcome.LOST);
        assertThat(gone.current()).isEqualTo(Optional.empty());
    }

    @Test
    void uncontendedConditionalWritesAreWritten() {
        ConditionalWrites.Result created = ConditionalWrites.createOrConfirm(store, "x.json", utf8("1"));
        assertThat(created.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(created.version()).contains(store.get("x.json").orElseThrow().version());
        ConditionalWrites.Result replaced = ConditionalWrites.replaceOrConfirm(store, "x.json", utf8("2"),
                created.version().orElseThrow());
        assertThat(replaced.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(store.get("x.json").orElseThrow().utf8()).isEqualTo("2");
    }

    @Test
    void locationIsDescriptive() {
        assertThat(store.location()).isNotBlank();
    }
}
