package io.omnigraph.engine.query;

import java.util.Arrays;

/** A growable int array. */
final class IntBuf {
    private int[] a;
    private int n;

    IntBuf(int capacity) {
        a = new int[Math.max(8, capacity)];
    }

    void add(int v) {
        if (n == a.length) {
            grow(n + 1);
        }
        a[n++] = v;
    }

    void grow(int needed) {
        long cap = Math.max((long) needed, a.length + (a.length >> 1) + 16L);
        if (cap > Integer.MAX_VALUE - 16) {
            cap = Integer.MAX_VALUE - 16;
            if (needed > cap) {
                throw new IllegalStateException("more than 2^31 rows");
            }
        }
        a = Arrays.copyOf(a, (int) cap);
    }

    int size() {
        return n;
    }

    int get(int i) {
        return a[i];
    }

    void clear() {
        n = 0;
    }

    int[] raw() {
        return a;
    }

    int[] toArray() {
        return n == a.length ? a : Arrays.copyOf(a, n);
    }
}
