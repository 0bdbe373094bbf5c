package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pseudonymises a stored item (an order's header, child or event; a webhook delivery's payload) as JSON, wherever the
 * data sits in it:
 * <ul>
 *   <li>an address (an object with two or more of {@code name}, {@code line1}, {@code line2}, {@code city},
 *   {@code postal_code}, {@code country}) keeps {@code country} and {@code region}; its other text becomes
 *   {@value #ERASED};</li>
 *   <li>contact fields ({@code email}, {@code phone}, ...) and free text ({@code text}, {@code message},
 *   {@code instructions}, {@code reason}, ...) become {@value #ERASED}; {@code metadata} is emptied;</li>
 *   <li>every other text that contains one of the subject's identifiers (customer id, sign-in subject, email, phone)
 *   has it replaced with the pseudonym.</li>
 * </ul>
 * Amounts, dates, ids, numbers, SKUs and quantities are left as they are. The item's own keys ({@code PK}, {@code SK})
 * never change.
 */
final class PersonalDataScrubber {
    static final String ERASED = "[erased]";
    static final Set<String> ADDRESS_FIELDS = Set.of("name", "line1", "line2", "city", "postal_code", "country");
    static final Set<String> ADDRESS_KEPT = Set.of("country", "region");
    static final Set<String> CONTACT = Set.of("email", "customer_email", "contact_email", "phone", "phone_number", "contact_phone",
            "first_name", "last_name", "full_name", "recipient_name");
    static final Set<String> FREE_TEXT = Set.of("text", "text_before", "body", "message", "comment", "comments", "gift_message", "instructions",
            "delivery_instructions", "note", "notes", "reason", "subject", "title", "resolution");
    static final Set<String> UNTOUCHED = Set.of(Keys.PK, Keys.SK);

    private final List<String> identifiers;
    private final String pseudonym;

    PersonalDataScrubber(List<String> identifiers, String pseudonym) {
        List<String> ids = new ArrayList<>();
        for (String i : identifiers) if (i != null && i.length() >= 3 && !ids.contains(i)) ids.add(i);
        ids.sort(Comparator.comparingInt(String::length).reversed()); // the longest first: an id inside another is replaced once
        this.identifiers = ids;
        this.pseudonym = pseudonym;
    }

    /** The item scrubbed (a copy); compare with the input to see whether anything changed. */
    ObjectNode item(ObjectNode item) {
        ObjectNode out = item.deepCopy();
        for (Map.Entry<String, JsonNode> e : item.properties()) {
            if (UNTOUCHED.contains(e.getKey())) continue;
            out.set(e.getKey(), value(e.getKey(), e.getValue()));
        }
        return out;
    }

    JsonNode value(String key, JsonNode v) {
        if (v.isTextual()) {
            if (CONTACT.contains(key) || FREE_TEXT.contains(key)) return v.textValue().isEmpty() ? v : TextNode.valueOf(ERASED);
            return TextNode.valueOf(replaced(v.textValue()));
        }
        if (v.isArray()) {
            ArrayNode a = ((ArrayNode) v).arrayNode();
            v.forEach(x -> a.add(value(key, x)));
            return a;
        }
        if (!v.isObject()) return v;
        if ("metadata".equals(key)) return ((ObjectNode) v).objectNode();
        ObjectNode o = ((ObjectNode) v).objectNode();
        boolean address = countAddressFields(v) >= 2;
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode x = e.getValue();
            if (address && x.isTextual() && !ADDRESS_KEPT.contains(e.getKey())) o.put(e.getKey(), x.textValue().isEmpty() ? "" : ERASED);
            else o.set(e.getKey(), value(e.getKey(), x));
        }
        return o;
    }

    /** Replaces every identifier inside the text with the pseudonym. */
    String replaced(String text) {
        String out = text;
        for (String id : identifiers) if (out.contains(id)) out = out.replace(id, pseudonym);
        return out;
    }

    private static int countAddressFields(JsonNode o) {
        int n = 0;
        for (String f : ADDRESS_FIELDS) if (o.has(f)) n++;
        return n;
    }
}
