package io.omnigraph.compiler.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date and DateTime conversions shared by the compiler and the engine.
 * <ul>
 *   <li>Date = days since 1970-01-01, text {@code YYYY-MM-DD}.</li>
 *   <li>DateTime = milliseconds since the epoch (UTC), output {@code YYYY-MM-DDTHH:MM:SS.mmmZ}. Accepted input:
 *       RFC 3339 / ISO 8601 with {@code T} or a space between date and time, optional seconds, optional fraction
 *       (truncated to milliseconds), optional offset ({@code Z}, {@code +HH:MM}, {@code +HHMM}, {@code +HH});
 *       no offset means UTC; a bare date means midnight UTC (spec §7.13).</li>
 * </ul>
 */
public final class Dates {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DATETIME_IN = Pattern.compile(
            "([+-]?\\d{4,}-\\d{2}-\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
                    + "([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private Dates() {
    }

    /** Parses {@code YYYY-MM-DD} to epoch days. */
    public static Optional<Integer> parseDate(String text) {
        try {
            long day = LocalDate.parse(text, DATE).toEpochDay();
            if (day < Integer.MIN_VALUE || day > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            return Optional.of((int) day);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Formats epoch days as {@code YYYY-MM-DD}. */
    public static String formatDate(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).format(DATE);
    }

    /** Parses an RFC 3339 / ISO 8601 timestamp (see class doc) to epoch milliseconds. */
    public static Optional<Long> parseDateTime(String text) {
        Matcher m = DATETIME_IN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1), DATE);
            LocalDateTime ldt = date.atStartOfDay();
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(2) != null) {
                int sec = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                String frac = m.group(5) == null ? "" : m.group(5);
                int nano = frac.isEmpty() ? 0 : Integer.parseInt((frac + "00000000").substring(0, 9));
                ldt = date.atTime(LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), sec, nano));
                String off = m.group(6);
                if (off != null && !off.equalsIgnoreCase("z")) {
                    String digits = off.substring(1).replace(":", "");
                    int hh = Integer.parseInt(digits.substring(0, 2));
                    int mm = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
                    int sign = off.charAt(0) == '-' ? -1 : 1;
                    offset = ZoneOffset.ofHoursMinutes(sign * hh, sign * mm);
                }
            }
            Instant instant = ldt.toInstant(offset);
            return Optional.of(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L),
                    instant.getNano() / 1_000_000));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Formats epoch milliseconds as {@code YYYY-MM-DDTHH:MM:SS.mmmZ}. */
    public static String formatDateTime(long epochMillis) {
        return OUT.format(Instant.ofEpochMilli(epochMillis));
    }
}
