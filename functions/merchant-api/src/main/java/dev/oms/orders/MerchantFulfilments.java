package dev.oms.orders;

import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;

/**
 * What a self-delivery (or a courier without integration) adds to a fulfilment besides its units and AWB: the delivery
 * person, the pickup address, the customer contact and the tracking URL. They are recorded as the reason of the
 * fulfilment's and shipment's events (in the order timeline and audit), at most {@link #MAX} characters.
 */
final class MerchantFulfilments {
    static final int MAX = 500;

    private MerchantFulfilments() { }

    static String note(Body b, String awb, String trackingUrl) {
        List<String> parts = new ArrayList<>();
        parts.add("AWB " + awb);
        if (trackingUrl != null) parts.add("tracking " + trackingUrl);
        Body person = b.object("delivery_person", false);
        if (person != null) {
            person.allow("name", "phone");
            parts.add("delivery person " + join(person.string("name", true, 200), person.string("phone", false, 32)));
        }
        Body pickup = b.object("pickup_address", false);
        if (pickup != null) parts.add("pickup " + address(pickup));
        Body customer = b.object("customer", false);
        if (customer != null) {
            customer.allow("name", "phone", "address");
            String who = join(customer.string("name", false, 200), customer.string("phone", false, 32));
            Body at = customer.object("address", false);
            parts.add("deliver to " + join(who, at == null ? null : address(at)));
        }
        String note = String.join("; ", parts);
        return note.length() <= MAX ? note : note.substring(0, MAX);
    }

    private static String address(Body a) {
        a.allow("type", "name", "phone", "line1", "line2", "city", "state", "postal_code", "country", "country_code", "coordinates");
        Body coordinates = a.object("coordinates", false);
        if (coordinates != null) coordinates.allow("latitude", "longitude");
        return join(a.string("name", false, 200), a.string("line1", true, 200), a.string("line2", false, 200), a.string("city", false, 100),
                a.string("state", false, 100), a.string("postal_code", false, 32), a.string("country_code", false, 2));
    }

    private static String join(String... parts) {
        List<String> out = new ArrayList<>();
        for (String s : parts) if (s != null && !s.isBlank()) out.add(s);
        return String.join(", ", out);
    }
}
