package dev.oms.platform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.search.OrderSearchDocument;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The order index: its mapping, and a document to and from its JSON. */
final class OrderSearchDocumentJson {
    private OrderSearchDocumentJson() { }

    /** The index's mapping ({@code dynamic: strict}: a field the code does not know is an error, not a guess). */
    static ObjectNode mapping() {
        ObjectNode index = Json.object();
        ObjectNode mappings = index.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode p = mappings.putObject("properties");
        for (String keyword : List.of("tenant_id", "id", "status", "channel", "customer_id", "currency", "payment_status",
                "fulfillment_status", "return_status", "external_reference", "merchant_reference", "customer_reference", "skus",
                "tracking_numbers", "fraud_rules")) {
            p.putObject(keyword).put("type", "keyword");
        }
        for (String number : List.of("order_number", "version", "total", "fraud_score")) p.putObject(number).put("type", "long");
        for (String text : List.of("customer_name", "customer_email", "addresses", "notes", "references")) p.putObject(text).put("type", "text");
        for (String date : List.of("created_at", "updated_at")) p.putObject(date).put("type", "date");
        return index;
    }

    static ObjectNode toJson(OrderSearchDocument d) {
        ObjectNode o = Json.object();
        o.put("tenant_id", d.tenantId());
        o.put("id", d.id());
        o.put("order_number", d.orderNumber());
        o.put("version", d.version());
        o.put("status", d.status());
        o.put("channel", d.channel());
        o.put("customer_id", d.customerId());
        o.put("customer_name", d.customerName());
        o.put("customer_email", d.customerEmail());
        o.put("currency", d.currency());
        o.put("total", d.total());
        o.put("payment_status", d.paymentStatus());
        o.put("fulfillment_status", d.fulfillmentStatus());
        o.put("return_status", d.returnStatus());
        o.put("external_reference", d.externalReference());
        o.put("merchant_reference", d.merchantReference());
        o.put("customer_reference", d.customerReference());
        d.skus().forEach(o.putArray("skus")::add);
        d.trackingNumbers().forEach(o.putArray("tracking_numbers")::add);
        d.addresses().forEach(o.putArray("addresses")::add);
        d.notes().forEach(o.putArray("notes")::add);
        // the references and ids as words, for q
        o.put("references", Stream.of(d.id(), Long.toString(d.orderNumber()), d.externalReference(), d.merchantReference(), d.customerReference())
                .filter(v -> v != null && !v.isBlank()).collect(Collectors.joining(" ")));
        o.put("created_at", Times.format(d.createdAt()));
        o.put("updated_at", Times.format(d.updatedAt()));
        if (d.fraudScore() != null) o.put("fraud_score", d.fraudScore());
        d.fraudRules().forEach(o.putArray("fraud_rules")::add);
        return o;
    }

    static OrderSearchDocument fromHit(String tenantId, JsonNode s) {
        return new OrderSearchDocument(tenantId, s.path("id").asText(), s.path("order_number").asLong(), s.path("version").asLong(),
                text(s, "status"), text(s, "channel"), text(s, "customer_id"), text(s, "customer_name"), text(s, "customer_email"),
                text(s, "currency"), s.path("total").asLong(), text(s, "payment_status"), text(s, "fulfillment_status"),
                text(s, "return_status"), text(s, "external_reference"), text(s, "merchant_reference"), text(s, "customer_reference"),
                strings(s.path("skus")), strings(s.path("tracking_numbers")), List.of(), List.of(), time(s, "created_at"), time(s, "updated_at"),
                s.hasNonNull("fraud_score") ? s.get("fraud_score").asInt() : null, strings(s.path("fraud_rules")));
    }

    private static String text(JsonNode s, String field) {
        JsonNode v = s.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode s, String field) { return Times.parse(text(s, field)); }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
