package io.omnigraph.compiler.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatesTest {
    @ParameterizedTest
    @CsvSource({
            "2024-01-01T00:00:00Z, 1704067200000",
            "2024-01-01T00:00:00.123Z, 1704067200123",
            "2024-01-01T00:00:00.123456789Z, 1704067200123",
            "2024-01-01 00:00:00, 1704067200000",
            "2024-01-01T01:00:00+01:00, 1704067200000",
            "2024-01-01T01:00:00+0100, 1704067200000",
            "2023-12-31T23:00:00-01, 1704067200000",
            "2024-01-01T00:00, 1704067200000",
            "2024-01-01, 1704067200000",
            "2024-01-01t00:00:00z, 1704067200000",
            "1969-12-31T23:59:59.999Z, -1",
            "+107599-02-16T21:55:33.339Z, 3333333333333339",
    })
    void acceptedDateTimeForms(String text, long millis) {
        assertThat(Dates.parseDateTime(text)).contains(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-13-01T00:00:00Z", "2024-01-01T25:00:00Z", "yesterday", "2024-01-01X00:00:00",
            " 2024-01-01", "2024-02-30", "20240101"})
    void rejectedDateTimeForms(String text) {
        assertThat(Dates.parseDateTime(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1970-01-01,0", "2024-01-01,19723", "1969-12-31,-1"})
    void dates(String text, int days) {
        assertThat(Dates.parseDate(text)).contains(days);
        assertThat(Dates.formatDate(days)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-1-01", "2024-02-30", "24-01-01", "2024-01-01T00:00:00Z"})
    void rejectedDates(String text) {
        assertThat(Dates.parseDate(text)).isEmpty();
    }
}
