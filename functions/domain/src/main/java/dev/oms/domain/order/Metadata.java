package dev.oms.domain.order;

import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form string key/values on orders and lines. A null value in a patch removes the key. */
public final class Metadata {
    public static final int MAX_KEYS = 50;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    private Metadata() { }

    /** An unmodifiable copy with keys in sorted order, so stored and rendered forms are stable. */
    public static Map<String, String> sorted(Map<String, String> values) {
        return values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }

    public static Map<String, String> merge(Map<String, String> current, Map<String, String> patch) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        patch.forEach((k, v) -> {
            if (v == null) merged.remove(k); else merged.put(k, v);
        });
        if (merged.size() > MAX_KEYS) {
            throw dev.oms.domain.DomainException.invalidField("metadata", "metadata.too_many_keys",
                    "Metadata may hold at most " + MAX_KEYS + " keys");
        }
        return sorted(merged);
    }
}
