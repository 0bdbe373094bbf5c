package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.oms.app.CommandContext;
import dev.oms.app.cases.OrderMessagesService;
import dev.oms.app.security.Caller;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoOrderSettings;
import org.junit.jupiter.api.Test;

/**
 * User-visible fields only. The allow-list is defined once, by the contract's {@code Customer*} schemas: every field
 * any of them declares. This test (1) checks those schemas are closed ({@code additionalProperties: false} all the way
 * down) and name nothing internal, and (2) walks every answer of every customer route for a rich order (shipped,
 * returned, invoiced, expanded) and fails on any field not on the allow-list. (Each answer is also validated against
 * its own schema by {@link ContractResponses}.)
 */
class CustomerViewsAllowListIT {
    /** Names that must never reach a customer, wherever they would appear. */
    static final Set<String> FORBIDDEN = Set.of("fraud", "fraud_score", "fraud_reasons", "holds", "hold_type", "assigned_to", "internal",
            "metadata", "payment_id", "provider_reference", "warehouse_id", "task_token", "taskToken", "created_by", "requested_by",
            "author_id", "actor", "storage_key", "label_reference", "saga", "steps", "awaiting", "customer_id", "external_reference");

    static Set<String> allowList() {
        Set<String> names = new TreeSet<>();
        ContractResponses.SPEC.path("components").path("schemas").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("Customer")) collect(e.getKey(), e.getValue(), names, new ArrayList<>());
        });
        return names;
    }

    private static void collect(String where, JsonNode schema, Set<String> names, List<String> problems) {
        if (schema.has("$ref") || !schema.isObject()) return;
        if (schema.has("properties")) {
            assertThat(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean())
                    .as(where + " must be closed (additionalProperties: false)").isTrue();
            schema.path("properties").fields().forEachRemaining(p -> {
                names.add(p.getKey());
                collect(where + "." + p.getKey(), p.getValue(), names, problems);
            });
        }
        for (String k : List.of("items")) if (schema.has(k)) collect(where + "[]", schema.get(k), names, problems);
        for (String k : List.of("anyOf", "oneOf", "allOf")) for (JsonNode n : schema.path(k)) collect(where, n, names, problems);
    }

    @Test
    void theCustomerSchemasAreClosedAndNameNothingInternal() {
        Set<String> allowed = allowList();
        assertThat(allowed).contains("available_actions", "blocked_reasons", "primary_shipment_status", "download_url");
        assertThat(allowed).doesNotContainAnyElementsOf(FORBIDDEN);
    }

    @Test
    void everyCustomerAnswerCarriesOnlyAllowListedFields() {
        String t = newTenant();
        CustomerKit.Rich o = CustomerKit.richOrder(t, "cust-walk");
        as(t, "agent-walk", "agent").post("/v1/orders/" + o.orderId() + "/notes", Map.of("text", "Fraud score 97, watch this one", "type", "internal"));
        as(t, "agent-walk", "agent").post("/v1/orders/" + o.orderId() + "/notes", Map.of("text", "Your parcel is on its way", "type", "public"));
        as(t, "agent-walk", "agent").post("/v1/orders/" + o.orderId() + "/hold", Map.of("reason", "Address check", "type", "fraud", "assigned_to", "agent-7"));
        Client me = customer(t, "cust-walk");
        String base = "/v1/customer/orders/" + o.orderId();
        me.post(base + "/messages", Map.of("text", "Where is it?", "attachments", List.of(Map.of("file_name", "a.pdf", "content_type", "application/pdf", "size_bytes", 3))));
        CommandContext agent = new CommandContext(new Caller(t, "agent-walk", "agent", Set.of("agent"), null, null), null, null, null, null);
        new OrderMessagesService(Platform.get().orders.transactions(), Platform.get().documentStorage, new DynamoOrderSettings(Platform.get().table),
                Platform.get().notifications, Platform.get().ids, Platform.get().clock)
                .addAgentReply(agent, o.orderId(), new OrderMessagesService.MessageDraft("On its way", List.of()));
        eventually("the label", () -> me.get(base + "/label/" + o.shipmentId()).status() == 200);
        List<String> paths = List.of("/v1/customer/orders", "/v1/customer/orders/metrics", base + "?expand=lines,shipments,invoices,events",
                base + "/timeline?limit=200", base + "/shipments", "/v1/customer/shipments/" + o.trackingNumber() + "/track",
                base + "/label/" + o.shipmentId(), base + "/invoice", base + "/documents", "/v1/customer/returns/" + o.rmaId(),
                "/v1/customer/capabilities", "/v1/customer/settings", "/v1/customer/health", base + "/messages", base + "/faq");
        Set<String> allowed = allowList();
        allowed.addAll(Set.of("amount", "currency")); // Money, shared with the canonical API
        List<String> answers = new ArrayList<>();
        for (String path : paths) {
            Resp r = me.get(path);
            assertThat(r.status()).as(path + " " + r).isEqualTo(200);
            walk(path, r.json(), allowed);
            answers.add(r.text());
        }
        Resp preview = me.post(base + "/return-request", Map.of("lines", List.of(Map.of("line_id", o.lineId(), "quantity", 1, "reason_code", "x")),
                "return_method", "ship", "dry_run", true));
        walk("preview", preview.json(), allowed);
        // reorder: a cart of the sandbox catalogue (the order's SKUs on sale)
        var catalog = dev.oms.platform.json.Json.object();
        var items = catalog.putArray("items");
        for (JsonNode l : me.get(base + "?expand=lines").json().path("lines")) {
            items.addObject().put("sku", l.path("sku").asText()).put("name", "On sale").put("orderable", true)
                    .putObject("unit_price").put("amount", 1000).put("currency", me.get(base).json().path("currency").asText());
        }
        as(t, "admin-walk", "admin").post("/local/sandbox/catalog", catalog);
        Resp reorder = me.post(base + "/reorder", null);
        assertThat(reorder.status()).as(reorder.toString()).isEqualTo(201);
        walk("reorder", reorder.json(), allowed);
        answers.add(reorder.text());
        var promotions = dev.oms.platform.json.Json.object();
        promotions.putArray("promotions").addObject().put("code", "WALK10").put("type", "percentage").put("percent_bps", 1000);
        as(t, "admin-walk", "admin").post("/local/sandbox/promotions", promotions);
        for (String code : List.of("WALK10", "NOSUCHCODE")) {
            Resp coupon = me.post(base + "/apply-coupon", Map.of("code", code));
            assertThat(coupon.status()).as(coupon.toString()).isEqualTo(200);
            walk("apply-coupon " + code, coupon.json(), allowed);
            answers.add(coupon.text());
        }
        String all = String.join("\n", answers);
        assertThat(all).doesNotContain("Fraud score 97", "agent-7", "agent-kit", "wh_1", "Address check");
        assertThat(all).contains("Your parcel is on its way");
    }

    static void walk(String where, JsonNode n, Set<String> allowed) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                assertThat(allowed).as(where + " has field " + e.getKey() + " that no customer schema allows").contains(e.getKey());
                walk(where + "." + e.getKey(), e.getValue(), allowed);
            });
        } else if (n.isArray()) {
            for (JsonNode c : n) walk(where + "[]", c, allowed);
        }
    }
}
