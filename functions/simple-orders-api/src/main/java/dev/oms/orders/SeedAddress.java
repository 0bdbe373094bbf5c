package dev.oms.orders;

import dev.oms.app.customer.AddressRules;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.order.Address;
import dev.oms.platform.http.Body;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's shipping address ({@code name}, {@code address}, {@code city}, {@code state}, {@code zip},
 * {@code country}) as the OMS's address, checked by the address rules of the customer API (required fields per
 * country, postal code formats), with the errors named in the seed's fields.
 */
final class SeedAddress {
    private static final Map<String, String> SEED_FIELDS = Map.of("line1", "address", "region", "state", "postal_code", "zip");

    private SeedAddress() { }

    /** The address of {@code b} (already a JSON object), or the 400 of its first problems. */
    static Address read(String field, Body b) {
        b.allow("name", "address", "city", "state", "zip", "country");
        Address a = new Address(b.string("name", true, 200), null, b.string("address", true, 200), null, b.string("city", true, 100),
                b.string("state", false, 100), b.string("zip", false, 20), b.string("country", true, 2), null, null);
        b.check();
        try {
            AddressRules.validate(field, a);
        } catch (DomainException e) {
            List<FieldError> renamed = e.fieldErrors().stream().map(x -> new FieldError(seedName(x.field()), x.code(), x.message())).toList();
            throw DomainException.invalid(renamed);
        }
        return a;
    }

    private static String seedName(String field) {
        int dot = field.lastIndexOf('.');
        String leaf = field.substring(dot + 1);
        return field.substring(0, dot + 1) + SEED_FIELDS.getOrDefault(leaf, leaf);
    }
}
