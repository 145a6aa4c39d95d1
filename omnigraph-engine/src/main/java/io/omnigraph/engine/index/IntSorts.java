package io.omnigraph.engine.index;

/** Sorting of primitive int arrays by a comparator, without boxing. */
public final class IntSorts {
    private static final int INSERTION = 24;

    private IntSorts() {
    }

    /** Stable merge sort of {@code a[from, to)} by {@code cmp}. */
    public static void sort(int[] a, int from, int to, IntComparator cmp) {
        if (to - from < 2) {
            return;
        }
        int[] buf = new int[to - from];
        mergeSort(a, buf, from, to, cmp);
    }

    public static void sort(int[] a, IntComparator cmp) {
        sort(a, 0, a.length, cmp);
    }

    private static void mergeSort(int[] a, int[] buf, int from, int to, IntComparator cmp) {
        int n = to - from;
        if (n <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buf, from, mid, cmp);
        mergeSort(a, buf, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buf, 0, n);
        int i = 0;
        int iEnd = mid - from;
        int j = iEnd;
        int k = from;
        while (i < iEnd && j < n) {
            if (cmp.compare(buf[j], buf[i]) < 0) {
                a[k++] = buf[j++];
            } else {
                a[k++] = buf[i++];
            }
        }
        while (i < iEnd) {
            a[k++] = buf[i++];
        }
        while (j < n) {
            a[k++] = buf[j++];
        }
    }

    /**
     * The {@code k} smallest elements of {@code a} by {@code cmp}, in order (a bounded heap; {@code cmp} must be a
     * total order for the result to be deterministic).
     */
    public static int[] topK(int[] a, int size, int k, IntComparator cmp) {
        if (k <= 0) {
            return new int[0];
        }
        if (k >= size) {
            int[] all = java.util.Arrays.copyOf(a, size);
            sort(all, cmp);
            return all;
        }
        // max-heap of the best k seen so far
        int[] heap = new int[k];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int v = a[i];
            if (n < k) {
                heap[n] = v;
                siftUp(heap, n++, cmp);
            } else if (cmp.compare(v, heap[0]) < 0) {
                heap[0] = v;
                siftDown(heap, n, cmp);
            }
        }
        sort(heap, 0, n, cmp);
        return heap;
    }

    private static void siftUp(int[] h, int i, IntComparator cmp) {
        int v = h[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (cmp.compare(h[p], v) >= 0) {
                break;
            }
            h[i] = h[p];
            i = p;
        }
        h[i] = v;
    }

    private static void siftDown(int[] h, int n, IntComparator cmp) {
        int i = 0;
        int v = h[0];
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                break;
            }
            int c = l + 1 < n && cmp.compare(h[l + 1], h[l]) > 0 ? l + 1 : l;
            if (cmp.compare(h[c], v) <= 0) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = v;
    }
}
