package io.omnigraph.storage.wrap;

/** The kinds of {@link io.omnigraph.storage.ObjectStore} calls, for counting and fault rules. */
public enum StoreOp {
    GET, HEAD, PUT, PUT_IF_ABSENT, PUT_IF_MATCH, LIST, DELETE;

    /** True for put, putIfAbsent, putIfMatch and delete. */
    public boolean isWrite() {
        return this == PUT || this == PUT_IF_ABSENT || this == PUT_IF_MATCH || this == DELETE;
    }

    /** True for putIfAbsent and putIfMatch. */
    public boolean isConditional() {
        return this == PUT_IF_ABSENT || this == PUT_IF_MATCH;
    }
}
