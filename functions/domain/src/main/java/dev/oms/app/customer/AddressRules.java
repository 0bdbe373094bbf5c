package dev.oms.app.customer;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a shipping address deliverable, per country: every address needs a name, a first line, a city and an
 * ISO 3166-1 alpha-2 country; the countries below also need a postal code of their format (and some a region). The
 * table is documented in docs/customer-api.md; other countries need a postal code only if one is sent (then 2–10
 * letters, digits, spaces or dashes).
 */
public final class AddressRules {
    /** Postal code formats, upper-cased before matching. */
    static final Map<String, Pattern> POSTAL_CODES = Map.ofEntries(
            Map.entry("GB", Pattern.compile("^(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")),
            Map.entry("US", Pattern.compile("^[0-9]{5}(-[0-9]{4})?$")),
            Map.entry("CA", Pattern.compile("^[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]$")),
            Map.entry("DE", Pattern.compile("^[0-9]{5}$")),
            Map.entry("FR", Pattern.compile("^[0-9]{5}$")),
            Map.entry("ES", Pattern.compile("^[0-9]{5}$")),
            Map.entry("IT", Pattern.compile("^[0-9]{5}$")),
            Map.entry("NL", Pattern.compile("^[0-9]{4} ?[A-Z]{2}$")),
            Map.entry("BE", Pattern.compile("^[0-9]{4}$")),
            Map.entry("AU", Pattern.compile("^[0-9]{4}$")),
            Map.entry("JP", Pattern.compile("^[0-9]{3}-?[0-9]{4}$")),
            Map.entry("IE", Pattern.compile("^[A-Z][0-9][0-9W] ?[A-Z0-9]{4}$")),
            Map.entry("KW", Pattern.compile("^[0-9]{5}$")));
    /** Countries whose addresses also need a region (state, province or prefecture). */
    static final Set<String> REGION_REQUIRED = Set.of("US", "CA", "AU", "JP");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern ANY_POSTAL_CODE = Pattern.compile("^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$");

    private AddressRules() { }

    public static void validate(String field, Address a) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        required(errors, field + ".name", a.name());
        required(errors, field + ".line1", a.line1());
        required(errors, field + ".city", a.city());
        String country = a.country();
        if (country == null || !COUNTRY.matcher(country).matches()) {
            errors.add(new DomainException.FieldError(field + ".country", "address.country_invalid", "country is an ISO 3166-1 alpha-2 code such as GB"));
        } else {
            Pattern format = POSTAL_CODES.get(country);
            String postal = a.postalCode() == null ? null : a.postalCode().trim().toUpperCase(java.util.Locale.ROOT);
            if (format != null && (postal == null || postal.isEmpty())) {
                errors.add(new DomainException.FieldError(field + ".postal_code", "field.required", "A postal code is required in " + country));
            } else if (postal != null && !(format != null ? format : ANY_POSTAL_CODE).matcher(postal).matches()) {
                errors.add(new DomainException.FieldError(field + ".postal_code", "address.postal_code_invalid",
                        "'" + a.postalCode() + "' is not a postal code of " + country));
            }
            if (REGION_REQUIRED.contains(country)) required(errors, field + ".region", a.region());
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    private static void required(List<DomainException.FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) errors.add(new DomainException.FieldError(field, "field.required", field + " is required"));
    }
}
