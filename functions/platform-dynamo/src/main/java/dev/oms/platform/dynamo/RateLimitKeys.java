package dev.oms.platform.dynamo;

/**
 * Keys of the rate-limit counters: one item per quota and window, {@code T#{tenant}#RATE#{quota}} / {@code W#{window
 * start}}, removed by the table's TTL after the window. Quotas: {@code TENANT}, {@code P#{subject}},
 * {@code GUEST#ORDER#{hash}}, {@code GUEST#CLIENT#{hash}}.
 */
public final class RateLimitKeys {
    private RateLimitKeys() { }

    public static String counter(String tenant, String quota) { return "T#" + tenant + "#RATE#" + quota; }

    public static String windowSk(long windowStartEpochSecond) { return "W#" + windowStartEpochSecond; }

    public static final String TENANT = "TENANT";

    public static String principal(String subject) { return "P#" + subject; }
}
