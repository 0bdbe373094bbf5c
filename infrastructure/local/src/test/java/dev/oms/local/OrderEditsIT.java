package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.EditQuote;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.DynamoEditQuoteStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edits by quote end to end: quote (nothing changes), apply (the figures of the quote, to the minor unit), the edit-order
 * saga settling refunds, its compensation, stale and expired quotes, roles, tenant isolation and idempotent replays.
 */
class OrderEditsIT {
    static String tenant;
    static Client agent;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-edits", "agent");
        supervisor = as(tenant, "sup-edits", "supervisor");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    static JsonNode order(String id) { return agent.get("/v1/orders/" + id).json(); }

    static String confirmed(String customer, String paymentState) {
        String id = create(agent, paidOrder(agent, customer, paymentState));
        Resp r = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    static String line(String orderId) { return order(orderId).path("lines").get(0).path("id").asText(); }

    static Map<String, Object> quantity(String lineId, long q) { return Map.of("type", "change_quantity", "line_id", lineId, "quantity", q); }

    static Resp quote(Client c, String orderId, Object... changes) {
        return c.post("/v1/orders/" + orderId + "/quote-change", Map.of("changes", List.of(changes), "reason", "Customer called"));
    }

    /**
     * Waits until nothing changes the order for a moment (a shipment's labels are filed on the order asynchronously, and
     * any change of the order makes an earlier quote stale).
     */
    static void settled(String orderId) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        eventually("order " + orderId + " to settle", () -> {
            long v = order(orderId).path("version").asLong();
            if (v != last[0]) {
                last[0] = v;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > 1_500_000_000L;
        });
    }

    static JsonNode lastEdit(String orderId) { return agent.get("/v1/orders/" + orderId + "/edits").json().path("data").get(0); }

    @Test
    void anIncreaseIsQuotedWithoutChangingTheOrderAndAppliedWithANewPaymentToTheCent() {
        String id = confirmed("e1", "authorized");
        String l = line(id);
        Resp before = agent.get("/v1/orders/" + id);
        ObjectNode gift = item("SKU-GIFT", 1, 1250, "GBP");
        gift.put("tax_rate_bps", 2000);
        Resp q = quote(agent, id, quantity(l, 3), Map.of("type", "add_line", "line", gift));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        JsonNode quote = q.json();
        assertThat(quote.path("status").asText()).isEqualTo("open");
        assertThat(java.time.Duration.between(Instant.parse(quote.path("created_at").asText()), Instant.parse(quote.path("expires_at").asText())))
                .as("the default time to live").hasMinutes(15);
        assertThat(quote.path("totals_before").path("total").asLong()).isEqualTo(4990);
        assertThat(quote.path("totals_after").path("total").asLong()).isEqualTo(3 * 2495 + 1250 + 250);
        assertThat(quote.path("delta").asLong()).isEqualTo(2495 + 1500);
        assertThat(quote.path("delta_split").path("unfulfilled").asLong()).isEqualTo(2495 + 1500);
        assertThat(quote.path("money_plan").path("additional_authorization").asLong()).isEqualTo(3995);
        assertThat(quote.path("money_plan").path("payment_required").asBoolean()).isTrue();
        assertThat(quote.path("lines").get(1).path("change").asText()).isEqualTo("added");
        Resp after = agent.get("/v1/orders/" + id);
        assertThat(after.header("etag")).as("quoting changes nothing").isEqualTo(before.header("etag"));
        assertThat(after.json().path("total").asLong()).isEqualTo(4990);

        String apply = "/v1/orders/" + id + "/apply-quote/" + quote.path("id").asText();
        Resp refused = agent.post(apply, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("edit.payment_required");
        assertThat(refused.json().path("additional_authorization").asLong()).isEqualTo(3995);

        String pay = payment(agent, 3995, "GBP", "authorized");
        Client keyed = agent.header("Idempotency-Key", "apply-e1");
        Map<String, Object> body = Map.of("payments", List.of(Map.of("payment_id", pay, "amount", money(3995, "GBP"))));
        Resp applied = keyed.post(apply, body);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("edit").path("state").asText()).isEqualTo("completed");
        assertThat(applied.json().path("order").path("total").asLong()).isEqualTo(quote.path("totals_after").path("total").asLong());
        assertThat(applied.json().path("order").path("lines")).hasSize(2);
        Resp replay = keyed.post(apply, body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("edit").path("id").asText()).isEqualTo(applied.json().path("edit").path("id").asText());
        assertThat(agent.post(apply, body).code()).isEqualTo("quote.already_applied");

        JsonNode edit = lastEdit(id);
        assertThat(edit.path("requested_by").asText()).isEqualTo("agent-edits");
        assertThat(edit.path("reason").asText()).isEqualTo("Customer called");
        assertThat(edit.path("before").path("totals").path("total").asLong()).isEqualTo(4990);
        assertThat(edit.path("quote").path("totals_after").path("total").asLong()).isEqualTo(order(id).path("total").asLong());
        assertThat(edit.path("new_payments").get(0).path("payment_id").asText()).isEqualTo(pay);
        List<String> types = agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types).contains("order.edited", "payment.linked");
    }

    @Test
    void aDecreaseOnACapturedOrderIsRefundedByTheEditSaga() {
        String id = confirmed("e2", "captured");
        Client keyed = agent.header("Idempotency-Key", "quote-e2");
        Resp q = keyed.post("/v1/orders/" + id + "/quote-change", Map.of("changes", List.of(quantity(line(id), 1))));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        Resp again = keyed.post("/v1/orders/" + id + "/quote-change", Map.of("changes", List.of(quantity(line(id), 1))));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(q.json().path("id").asText());
        JsonNode plan = q.json().path("money_plan");
        assertThat(plan.path("refund_total").asLong()).isEqualTo(2495);
        assertThat(plan.path("operations").get(0).path("kind").asText()).isEqualTo("refund");
        assertThat(plan.path("operations").get(0).path("available").asLong()).isEqualTo(4990);

        Resp applied = agent.post("/v1/orders/" + id + "/apply-quote/" + q.json().path("id").asText(), Map.of("reason", "One is enough"));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
        assertThat(applied.header("location")).isEqualTo("/v1/orders/" + id + "/edits");
        assertThat(applied.json().path("edit").path("state").asText()).isEqualTo("settling");

        eventually("the edit to settle", () -> "completed".equals(lastEdit(id).path("state").asText()));
        JsonNode edit = lastEdit(id);
        assertThat(edit.path("actions").findValuesAsText("step")).contains("payment.refund:" + order(id).path("payments").get(0).path("payment_id").asText(), "payments.settled");
        JsonNode after = order(id);
        assertThat(after.path("total").asLong()).isEqualTo(2495);
        assertThat(after.path("balance_due").asLong()).isZero();
        JsonNode refunds = agent.get("/v1/orders/" + id + "/refunds").json().path("data");
        assertThat(refunds.get(0).path("source").asText()).isEqualTo("edit");
        assertThat(refunds.get(0).path("amount").path("amount").asLong()).isEqualTo(2495);
    }

    @Test
    void aRefusedRefundPutsTheOrderBackAsItWasWithAHoldAndARepairItem() {
        String id = confirmed("e3", "captured");
        Resp q = quote(agent, id, quantity(line(id), 1));
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "refund", "mode", "decline", "times", 5));
        Resp applied = agent.post("/v1/orders/" + id + "/apply-quote/" + q.json().path("id").asText(), null);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
        eventually("the edit to be compensated", () -> "compensated".equals(lastEdit(id).path("state").asText()));
        JsonNode held = order(id);
        assertThat(held.path("total").asLong()).isEqualTo(4990);
        assertThat(held.path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(held.path("status").asText()).isEqualTo("on_hold");
        assertThat(lastEdit(id).path("failure").asText()).contains("declined");
        JsonNode repairs = supervisor.get("/v1/orders/repairs").json().path("data");
        boolean found = false;
        for (JsonNode r : repairs) if (r.path("order_id").asText().equals(id)) found = "edit_failed".equals(r.path("kind").asText());
        assertThat(found).as("an edit_failed repair item").isTrue();
    }

    @Test
    void staleAndExpiredQuotesAreRefused() {
        String id = confirmed("e4", "authorized");
        Resp q = quote(agent, id, quantity(line(id), 1));
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("note", "changed"))).status()).isEqualTo(200);
        Resp stale = agent.post("/v1/orders/" + id + "/apply-quote/" + q.json().path("id").asText(), null);
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("quote.stale");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(order(id).path("version").asLong());

        Resp fresh = quote(agent, id, quantity(line(id), 1));
        var store = new DynamoEditQuoteStore(Platform.get().table);
        EditQuote stored = store.find(tenant, id, fresh.json().path("id").asText()).orElseThrow();
        Instant past = Instant.now().minusSeconds(60);
        EditQuote expired = new EditQuote(stored.id() + "X", tenant, id, stored.basedOnVersion(), stored.createdBy(), past.minusSeconds(900),
                past, null, stored.changes(), stored.preview(), null);
        store.create(expired, null);
        Resp gone = agent.post("/v1/orders/" + id + "/apply-quote/" + expired.id(), null);
        assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
        assertThat(gone.code()).isEqualTo("quote.expired");
        assertThat(agent.post("/v1/orders/" + id + "/apply-quote/quo_nope", null).code()).isEqualTo("quote.not_found");
    }

    @Test
    void theTenantSettingQuoteTtlMinutesSetsTheExpiry() {
        String other = newTenant();
        Client a = as(other, "agent-ttl", "agent");
        ObjectNode settings = dev.oms.platform.json.Json.object();
        settings.put("PK", "T#" + other + "#SETTINGS");
        settings.put("SK", "A");
        settings.put("type", "settings");
        settings.put("quote_ttl_minutes", 60);
        Platform.get().table.put(settings);
        String id = create(a, TestSystem.order("ttl"));
        String l = a.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        JsonNode q = quote(a, id, quantity(l, 1)).json();
        assertThat(java.time.Duration.between(Instant.parse(q.path("created_at").asText()), Instant.parse(q.path("expires_at").asText())))
                .hasMinutes(60);
        Resp applied = a.post("/v1/orders/" + id + "/apply-quote/" + q.path("id").asText(), null);
        assertThat(applied.status()).as("an unpaid created order: nothing to settle").isEqualTo(200);
        assertThat(applied.json().path("order").path("total").asLong()).isEqualTo(2495);
    }

    @Test
    void rolesTenantsAndRulesAreEnforced() {
        String id = confirmed("e5", "authorized");
        String l = line(id);
        Map<String, Object> price = Map.of("type", "change_unit_price", "line_id", l, "unit_price", money(1995, "GBP"));
        Resp forbidden = quote(agent, id, price);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("auth.forbidden");
        Resp byPrice = quote(supervisor, id, price);
        assertThat(byPrice.status()).as(byPrice.toString()).isEqualTo(201);
        assertThat(byPrice.json().path("money_plan").path("operations").get(0).path("kind").asText()).isEqualTo("void");
        assertThat(agent.post("/v1/orders/" + id + "/apply-quote/" + byPrice.json().path("id").asText(), null).status())
                .as("applying a price change needs the permission too").isEqualTo(403);

        assertThat(quote(customer(tenant, "e5"), id, quantity(l, 1)).status()).isEqualTo(403);
        assertThat(quote(as(tenant, "wh", "fulfillment_manager"), id, quantity(l, 1)).status()).isEqualTo(403);
        assertThat(customer(tenant, "e5").get("/v1/orders/" + id + "/edits").status()).isEqualTo(200);
        assertThat(customer(tenant, "someone-else").get("/v1/orders/" + id + "/edits").status()).isEqualTo(404);

        Client stranger = as(newTenant(), "agent-x", "agent");
        assertThat(stranger.get("/v1/orders/" + id + "/edits").status()).isEqualTo(404);
        assertThat(quote(stranger, id, quantity(l, 1)).status()).isEqualTo(404);
        assertThat(stranger.post("/v1/orders/" + id + "/apply-quote/" + byPrice.json().path("id").asText(), null).status()).isEqualTo(404);

        Resp bad = quote(agent, id, Map.of("type", "change_colour", "line_id", l));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request.invalid");
        assertThat(quote(agent, id, Map.of("type", "remove_line", "line_id", l)).code()).isEqualTo("order.last_line");
        assertThat(quote(agent, id, quantity("line_nope", 1)).code()).isEqualTo("order.line_not_found");
        assertThat(agent.header("If-Match", "\"999\"").post("/v1/orders/" + id + "/quote-change",
                Map.of("changes", List.of(quantity(l, 1)))).code()).isEqualTo("order.version_conflict");
        assertThat(agent.get("/v1/orders/" + id + "/edits?limit=1").json().path("has_more").asBoolean()).isFalse();
    }

    @Test
    void anOrderIsReplacedByANewOneLinkedBothWaysAndTheOriginalIsCancelledBySaga() {
        String id = confirmed("e6", "authorized");
        JsonNode original = order(id);
        assertThat(agent.post("/v1/orders/" + id + "/replace", Map.of()).code()).isEqualTo("request.invalid");
        assertThat(as(tenant, "fin", "finance").post("/v1/orders/" + id + "/replace", Map.of("reason", "x")).status()).isEqualTo(403);
        assertThat(as(newTenant(), "a", "agent").post("/v1/orders/" + id + "/replace", Map.of("reason", "x")).status()).isEqualTo(404);

        Client keyed = agent.header("Idempotency-Key", "replace-e6");
        Map<String, Object> body = Map.of("reason", "Wrong account", "payments", "move");
        Resp r = keyed.post("/v1/orders/" + id + "/replace", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String newId = r.json().path("order").path("id").asText();
        assertThat(r.header("location")).isEqualTo("/v1/orders/" + newId);
        assertThat(r.json().path("order").path("replaces").asText()).isEqualTo(id);
        assertThat(r.json().path("order").path("source").asText()).isEqualTo("replacement");
        assertThat(r.json().path("order").path("total").asLong()).isEqualTo(original.path("total").asLong());
        assertThat(r.json().path("order").path("payments").get(0).path("payment_id").asText())
                .isEqualTo(original.path("payments").get(0).path("payment_id").asText());
        assertThat(r.json().path("original").path("replaced_by").asText()).isEqualTo(newId);
        assertThat(r.json().path("original").path("payments")).isEmpty();
        Resp replay = keyed.post("/v1/orders/" + id + "/replace", body);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("order").path("id").asText()).isEqualTo(newId);
        assertThat(agent.post("/v1/orders/" + id + "/replace", Map.of("reason", "again")).code()).isEqualTo("order.already_replaced");

        eventually("the original to be cancelled", () -> "cancelled".equals(order(id).path("status").asText()));
        assertThat(order(newId).path("status").asText()).isEqualTo("created");
        assertThat(agent.post("/v1/orders/" + newId + "/confirm", null).status()).as("the moved authorization pays the replacement").isEqualTo(200);

        String captured = confirmed("e7", "captured");
        assertThat(agent.post("/v1/orders/" + captured + "/replace", Map.of("reason", "x", "payments", "move")).code())
                .isEqualTo("replace.captured_payment");
        Resp refunded = agent.post("/v1/orders/" + captured + "/replace", Map.of("reason", "Re-entered"));
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
        eventually("the refunded original", () -> "cancelled".equals(order(captured).path("status").asText()));
        assertThat(order(captured).path("payment_status").asText()).isEqualTo("refunded");
    }

    @Test
    void shippedUnitsAreExchangedByAReturnAndANewLineInOneQuote() {
        ReturnsKit.Shipped shipped = ReturnsKit.shippedOrder(tenant, agent, "e8", 2);
        String id = shipped.orderId();
        String l = shipped.lineId();
        settled(id);
        assertThat(quote(agent, id, quantity(l, 1)).code()).isEqualTo("edit.quantity_below_shipped");
        Map<String, Object> back = Map.of("type", "return_units", "line_id", l, "quantity", 1, "reason_code", "too_small");
        assertThat(quote(agent, id, Map.of("type", "return_units", "line_id", l, "quantity", 3, "reason_code", "too_small")).code())
                .isEqualTo("edit.return_exceeds_shipped");
        Resp q = quote(agent, id, back, Map.of("type", "add_line", "line", item("SKU-1-L", 1, 2495, "GBP")));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        assertThat(q.json().path("returns").get(0).path("refund_estimate").asLong()).isEqualTo(2495);
        assertThat(q.json().path("money_plan").path("refund_on_return").asLong()).isEqualTo(2495);
        assertThat(q.json().path("money_plan").path("additional_authorization").asLong()).isEqualTo(2495);
        assertThat(q.json().path("money_plan").path("additional_capture").asLong()).as("the order was paid in full").isEqualTo(2495);

        String pay = payment(agent, 2495, "GBP", "authorized");
        Resp applied = agent.post("/v1/orders/" + id + "/apply-quote/" + q.json().path("id").asText(),
                Map.of("payments", List.of(Map.of("payment_id", pay, "amount", money(2495, "GBP")))));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
        JsonNode returns = agent.get("/v1/orders/" + id + "/returns").json().path("data");
        assertThat(returns).hasSize(1);
        assertThat(returns.get(0).path("lines").get(0).path("quantity").asLong()).isEqualTo(1);
        assertThat(applied.json().path("edit").path("actions").findValuesAsText("step")).contains("return.opened");
        eventually("the additional capture", () -> "completed".equals(lastEdit(id).path("state").asText()));
        JsonNode after = order(id);
        assertThat(after.path("total").asLong()).isEqualTo(4990 + 2495);
        assertThat(after.path("balance_due").asLong()).as("the new goods are paid").isZero();
    }

    @Test
    void unitsTakenFromAnOpenFulfilmentCancelItAndTheSagaSettles() {
        String id = confirmed("e9", "authorized");
        String l = line(id);
        Resp f = as(tenant, "wh-e9", "warehouse_supervisor").post("/v1/orders/" + id + "/fulfillments",
                Map.of("warehouse_id", "wh_1", "lines", List.of(Map.of("line_id", l, "quantity", 2))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        String fulfillmentId = f.json().path("id").asText();
        settled(id);
        Resp q = quote(agent, id, quantity(l, 1));
        assertThat(q.status()).as(q.toString()).isEqualTo(201);
        assertThat(q.json().path("fulfillments_to_cancel").get(0).asText()).isEqualTo(fulfillmentId);
        assertThat(q.json().path("delta_split").path("in_fulfillment").asLong()).isEqualTo(-2495);
        Resp applied = agent.post("/v1/orders/" + id + "/apply-quote/" + q.json().path("id").asText(), null);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
        eventually("the edit to settle", () -> "completed".equals(lastEdit(id).path("state").asText()));
        assertThat(lastEdit(id).path("actions").findValuesAsText("step")).contains("inventory.released", "payments.settled");
        assertThat(agent.get("/v1/orders/" + id + "/fulfillments/" + fulfillmentId).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(order(id).path("total").asLong()).isEqualTo(2495);
    }
}
