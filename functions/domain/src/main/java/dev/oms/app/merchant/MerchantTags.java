package dev.oms.app.merchant;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Metadata;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The seller API's order tags (bulk {@code add_tags} / {@code remove_tags}), kept in the canonical order's metadata
 * under {@code tags}, sorted and comma-separated, so they change through the order use case (an {@code order.updated}
 * event, audit, version) like any other detail. A tag is 1-40 of {@code [a-z0-9_-]}; all tags together fit one
 * metadata value (500 characters).
 */
public final class MerchantTags {
    public static final String KEY = "tags";
    public static final Pattern TAG = Pattern.compile("[a-z0-9_-]{1,40}");

    private MerchantTags() { }

    public static TreeSet<String> of(Map<String, String> metadata) {
        String v = metadata.get(KEY);
        TreeSet<String> out = new TreeSet<>();
        if (v != null && !v.isBlank()) out.addAll(Arrays.asList(v.split(",")));
        return out;
    }

    /** The metadata patch that adds or removes tags (null value: no tags left, the key goes). */
    public static Map<String, String> patch(Map<String, String> metadata, Collection<String> tags, boolean add) {
        TreeSet<String> now = of(metadata);
        if (add) now.addAll(tags); else now.removeAll(tags);
        String joined = String.join(",", now);
        if (joined.length() > Metadata.MAX_VALUE_LENGTH) {
            throw DomainException.conflict("tags.too_many", "The order's tags would exceed " + Metadata.MAX_VALUE_LENGTH + " characters",
                    "Remove tags first.");
        }
        java.util.HashMap<String, String> p = new java.util.HashMap<>();
        p.put(KEY, now.isEmpty() ? null : joined);
        return p;
    }
}
