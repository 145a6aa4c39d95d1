package io.omnigraph.engine.index;

/** A comparator of primitive ints (row numbers), used to sort without boxing. */
@FunctionalInterface
public interface IntComparator {
    int compare(int a, int b);
}
