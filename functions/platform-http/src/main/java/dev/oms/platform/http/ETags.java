package dev.oms.platform.http;

import dev.oms.domain.DomainException;

/** Strong ETags carry the aggregate version: {@code "7"}. If-Match accepts {@code "7"}, {@code W/"7"} or {@code 7}. */
public final class ETags {
    private ETags() { }

    public static String of(long version) { return "\"" + version + "\""; }

    /** The version an If-Match header pins, or null without one. */
    public static Long parseIfMatch(String header) {
        if (header == null || header.isBlank()) return null;
        String v = header.trim();
        if (v.equals("*")) return null;
        if (v.startsWith("W/")) v = v.substring(2);
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
        try {
            long n = Long.parseLong(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw DomainException.invalidField("If-Match", "if_match.invalid", "If-Match must be an ETag this API returned, such as \"3\"");
        }
    }
}
