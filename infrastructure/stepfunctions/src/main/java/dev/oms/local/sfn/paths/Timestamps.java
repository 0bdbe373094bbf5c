package dev.oms.local.sfn.paths;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 3339 timestamps as the States Language accepts them: an uppercase T, and Z or a numeric offset. */
public final class Timestamps {
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?"
                    + "(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean isTimestamp(String text) {
        return parse(text).isPresent();
    }

    /** The form of {@code $$.Execution.StartTime}: {@code 2024-05-01T10:00:00.123Z}. */
    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }
}
