package dev.oms.platform.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 3339 UTC with exactly millisecond precision, so that stored timestamps also sort as strings. */
public final class Times {
    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() { }

    public static String format(Instant t) { return t == null ? null : F.format(t); }

    public static Instant parse(String s) { return s == null ? null : Instant.parse(s); }
}
