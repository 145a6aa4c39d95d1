package io.omnigraph.engine.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link UlidGenerator#nextAscii} mints the same sequence as {@link UlidGenerator#next()}, as ASCII bytes. */
class UlidAsciiTest {
    @Test
    void asciiIdsAreTheStringSequence() {
        // a clock that moves on every third reading: ids both re-drawn (new millisecond) and incremented
        AtomicLong c1 = new AtomicLong();
        AtomicLong c2 = new AtomicLong();
        UlidGenerator strings = new UlidGenerator(() -> (1_700_000_000_000L + c1.getAndIncrement() / 3) * 1000, Entropy.seeded(7));
        UlidGenerator bytes = new UlidGenerator(() -> (1_700_000_000_000L + c2.getAndIncrement() / 3) * 1000, Entropy.seeded(7));
        byte[] buf = new byte[30];
        String prev = "";
        for (int i = 0; i < 10_000; i++) {
            String expected = strings.next();
            bytes.nextAscii(buf, 2);
            assertThat(new String(buf, 2, 26, StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(Ulid.isValid(expected)).isTrue();
            assertThat(expected).isGreaterThan(prev);
            prev = expected;
        }
    }
}
