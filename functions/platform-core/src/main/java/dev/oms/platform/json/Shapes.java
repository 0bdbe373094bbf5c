package dev.oms.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Address;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes shared by stored items and API bodies: money {@code {amount, currency}}, addresses, string maps. */
public final class Shapes {
    private Shapes() { }

    public static JsonNode money(Money m) {
        if (m == null) return null;
        ObjectNode o = Json.object();
        o.put("amount", m.minor());
        o.put("currency", m.currency());
        return o;
    }

    public static Money money(JsonNode n) {
        return n == null || !n.isObject() ? null : Money.of(n.path("amount").asLong(), n.path("currency").asText());
    }

    public static JsonNode address(Address a) {
        if (a == null) return null;
        ObjectNode o = Json.object();
        o.put("name", a.name());
        o.put("company", a.company());
        o.put("line1", a.line1());
        o.put("line2", a.line2());
        o.put("city", a.city());
        o.put("region", a.region());
        o.put("postal_code", a.postalCode());
        o.put("country", a.country());
        o.put("phone", a.phone());
        o.put("email", a.email());
        return o;
    }

    public static Address address(JsonNode n) {
        if (n == null || !n.isObject()) return null;
        return new Address(text(n, "name"), text(n, "company"), text(n, "line1"), text(n, "line2"), text(n, "city"),
                text(n, "region"), text(n, "postal_code"), text(n, "country"), text(n, "phone"), text(n, "email"));
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n != null && n.isObject()) n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
