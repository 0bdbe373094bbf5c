package dev.oms.platform.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A name and a postal address as printed on a document: street lines, city, postal code and ISO 3166 country code.
 * Region and postal code may be null (not every country has them).
 */
public record PostalAddress(String name, List<String> lines, String city, String region, String postalCode, String country) {
    public PostalAddress {
        Objects.requireNonNull(name, "name");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
    }

    public static PostalAddress of(String name, String line1, String city, String postalCode, String country) {
        return new PostalAddress(name, List.of(line1), city, null, postalCode, country);
    }

    /** The address lines below the name: street lines, then "city region postal code", then the country. */
    public List<String> printLines() {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) out.add(line);
        }
        StringBuilder place = new StringBuilder(city);
        if (region != null && !region.isBlank()) place.append(", ").append(region);
        if (postalCode != null && !postalCode.isBlank()) place.append(' ').append(postalCode);
        out.add(place.toString());
        out.add(country);
        return out;
    }
}
