package io.omnigraph.engine.format;

import io.omnigraph.engine.segment.SegmentKind;
import io.omnigraph.engine.table.ColumnBuilder;
import io.omnigraph.engine.table.ScalarType;
import io.omnigraph.engine.table.StringColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-segment id filter: forms by size, no false negatives, the Bloom false-positive rate, tolerant parsing. */
class IdFilterTest {

    static StringColumn ids(String prefix, int n) {
        ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, Math.max(1, n));
        b.plainOnly();
        for (int i = 0; i < n; i++) {
            b.append(prefix + i);
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} ids")
    @ValueSource(ints = {1, 2, 8, 9, 100, 1000, 1024})
    void everyIdOfTheSegmentMayBeContained(int n) {
        StringColumn col = ids("node-", n);
        String text = IdFilter.encode(col).orElseThrow();
        assertThat(text).startsWith(n <= IdFilter.EXACT_MAX ? "x:" : "b" + IdFilter.BLOOM_K + ":");
        IdFilter f = IdFilter.parse(text).orElseThrow();
        assertThat(f.exact()).isEqualTo(n <= IdFilter.EXACT_MAX);
        for (int i = 0; i < n; i++) {
            long[] h = IdFilter.hash("node-" + i);
            assertThat(f.mayContain(h[0], h[1])).as("node-%d", i).isTrue();
        }
        if (n <= IdFilter.EXACT_MAX) {
            for (int i = n; i < n + 1000; i++) {
                long[] h = IdFilter.hash("node-" + i);
                assertThat(f.mayContain(h[0], h[1])).as("exact form has no false positives").isFalse();
            }
        }
    }

    @Test
    void bloomFalsePositiveRateIsAboutOnePercentAndSizeIsTenBitsPerId() {
        String text = IdFilter.encode(ids("in-", 1000)).orElseThrow();
        int payload = java.util.Base64.getDecoder().decode(text.substring(text.indexOf(':') + 1)).length;
        assertThat(payload).isEqualTo(1250);
        IdFilter f = IdFilter.parse(text).orElseThrow();
        int fp = 0;
        int probes = 100_000;
        for (int i = 0; i < probes; i++) {
            long[] h = IdFilter.hash("out-" + i);
            fp += f.mayContain(h[0], h[1]) ? 1 : 0;
        }
        double rate = fp / (double) probes;
        assertThat(rate).as("false-positive rate").isBetween(0.002, 0.02);
    }

    @Test
    void largeSegmentsCarryNoFilterAndDuplicatesCountOnce() {
        assertThat(IdFilter.encode(ids("big-", IdFilter.BLOOM_MAX + 1))).isEmpty();
        ColumnBuilder.Strings b = (ColumnBuilder.Strings) ColumnBuilder.forType(ScalarType.STRING, 20);
        b.plainOnly();
        for (int i = 0; i < 20; i++) {
            b.append("same");
        }
        assertThat(IdFilter.encode(b.build()).orElseThrow()).startsWith("x:").hasSize(2 + 11);
    }

    @Test
    void unknownOrMalformedEncodingsMeanTheSegmentMustBeRead() {
        for (String text : List.of("z:AAAA", "x:abc", "b7:", "b0:AAAA", "b7:***", "nocolon", "bx:AAAA")) {
            assertThat(IdFilter.parse(text)).as(text).isEmpty();
            SegmentRef r = new SegmentRef("01J0000000000000000000000A", SegmentKind.DATA, 1, 10, Optional.of(text));
            assertThat(r.mayContainAny(IdFilter.hashes(List.of("anything")))).as(text).isTrue();
        }
    }

    @Test
    void segmentEntriesRoundTripWithAndWithoutTheField() {
        SegmentRef with = new SegmentRef("01J0000000000000000000000A", SegmentKind.DATA, 2, 10, IdFilter.encode(ids("a", 2)));
        String json = new String(Json.encode(with), StandardCharsets.UTF_8);
        assertThat(json).contains("\"id_filter\":\"x:");
        assertThat(Json.decode("k", Json.encode(with), SegmentRef.class)).isEqualTo(with);
        SegmentRef without = new SegmentRef("01J0000000000000000000000A", SegmentKind.DATA, 2, 10);
        assertThat(new String(Json.encode(without), StandardCharsets.UTF_8)).doesNotContain("id_filter");
        // an entry written before the field existed
        SegmentRef old = Json.decode("k", "{\"id\":\"01J0000000000000000000000A\",\"kind\":\"data\",\"rows\":2,\"bytes\":10}"
                .getBytes(StandardCharsets.UTF_8), SegmentRef.class);
        assertThat(old.idFilter()).isEmpty();
        assertThat(old).isEqualTo(without);
        assertThat(old.mayContainAny(IdFilter.hashes(List.of("x")))).isTrue();
        assertThat(with.mayContainAny(IdFilter.hashes(List.of("a0")))).isTrue();
        assertThat(with.mayContainAny(IdFilter.hashes(List.of("b0", "zz")))).isFalse();
    }
}
