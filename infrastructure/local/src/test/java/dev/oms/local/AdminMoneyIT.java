package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's edits and money (docs/admin-money.md) over HTTP: quotes in both change forms on the canonical quote
 * engine, dry runs that answer what the real call does, payments captured and refunded one by one, and the order's
 * reconciliation with its discrepancies named.
 */
class AdminMoneyIT {
    static String tenant;
    static Client admin;
    static Client agent;
    static Client finance;
    static Client warehouse;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-am", "admin");
        agent = as(tenant, "agent-am", "agent");
        finance = as(tenant, "fin-am", "finance");
        warehouse = as(tenant, "wh-am", "warehouse_supervisor");
    }

    /** A created order of two lines (2 x SKU-1 at 2495, 1 x SKU-2 at 1000 GBP), no payment. */
    static JsonNode twoLineOrder(String customer) {
        ObjectNode body = TestSystem.order(customer);
        body.withArray("items").add(item("SKU-2", 1, 1000, "GBP"));
        return agent.get("/v1/orders/" + create(agent, body)).json();
    }

    static Map<String, Object> patch(String op, String path, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("op", op);
        m.put("path", path);
        if (value != null) m.put("value", value);
        return m;
    }

    /** The figures of a quote that do not depend on when or under which id it was made. */
    static JsonNode priced(JsonNode quote, JsonNode order) {
        ObjectNode q = quote.deepCopy();
        q.remove(List.of("id", "created_at", "expires_at"));
        return minted(q, order.path("lines").findValuesAsText("id"));
    }

    /** The node with every line id a quote or an edit minted (not one of the order's own) replaced by one placeholder. */
    static JsonNode minted(JsonNode n, List<String> own) {
        if (n.isTextual() && n.asText().startsWith("line_") && !own.contains(n.asText())) return com.fasterxml.jackson.databind.node.TextNode.valueOf("<new line>");
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            o.properties().forEach(e -> e.setValue(minted(e.getValue(), own)));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, minted(n.get(i), own));
        }
        return n;
    }

    @Test
    void theSeedsPatchFormAndTheTypedFormGiveTheSameQuote() {
        JsonNode order = twoLineOrder("am1");
        String id = order.path("id").asText();
        String second = order.path("lines").get(1).path("id").asText();

        Resp patched = agent.post("/v1/admin/orders/" + id + "/quote",
                Map.of("changes", List.of(patch("replace", "/lines/0/quantity", 1), patch("remove", "/lines/1", null))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(201);
        assertThat(patched.json().path("dry_run").asBoolean()).isFalse();
        JsonNode quote = patched.json().path("quote");
        assertThat(quote.path("changes").findValuesAsText("type")).containsExactly("change_quantity", "remove_line");
        assertThat(quote.path("changes").get(1).path("line_id").asText()).isEqualTo(second);

        Resp typed = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(
                Map.of("type", "change_quantity", "line_id", order.path("lines").get(0).path("id").asText(), "quantity", 1),
                Map.of("type", "remove_line", "line_id", second))));
        assertThat(typed.status()).isEqualTo(201);
        assertThat(typed.json().path("quote").path("totals_after")).isEqualTo(quote.path("totals_after"));
        assertThat(typed.json().path("quote").path("delta")).isEqualTo(quote.path("delta"));

        // read it back by id alone; the order did not change
        Resp read = finance.get("/v1/admin/quotes/" + quote.path("id").asText());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("quote")).isEqualTo(quote);
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(order.path("version").asLong());

        // a line past the end, a path the engine has no change for, an unknown op
        Resp past = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(patch("replace", "/lines/7/quantity", 1))));
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.code()).isEqualTo("order.line_not_found");
        Resp unsupported = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(patch("replace", "/customer_id", "x"))));
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().path("errors").findValuesAsText("code")).contains("patch.unsupported");
        Resp badOp = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(patch("move", "/lines/0", null))));
        assertThat(badOp.status()).isEqualTo(400);
        assertThat(badOp.code()).isEqualTo("request.invalid");
    }

    @Test
    void aDryRunAnswersWhatTheRealCallDoesAndChangesNothing() {
        JsonNode order = twoLineOrder("am2");
        String id = order.path("id").asText();
        Map<String, Object> body = Map.of("changes", List.of(patch("replace", "/lines/1/quantity", 3),
                patch("add", "/lines/-", Map.of("sku", "SKU-9", "quantity", 1, "unit_price", Map.of("amount", 1250, "currency", "GBP")))));

        Resp dry = agent.header("Idempotency-Key", "am2-dry").post("/v1/admin/orders/" + id + "/quote?dry_run=true", body);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("dry_run").asBoolean()).isTrue();
        assertThat(finance.get("/v1/admin/quotes/" + dry.json().path("quote").path("id").asText()).code()).isEqualTo("quote.not_found");
        // a dry run is a request of its own: its key replays it, and is not the real call's
        assertThat(agent.header("Idempotency-Key", "am2-dry").post("/v1/admin/orders/" + id + "/quote?dry_run=true", body).json()).isEqualTo(dry.json());
        assertThat(agent.header("Idempotency-Key", "am2-dry").post("/v1/admin/orders/" + id + "/quote", body).code()).isEqualTo("idempotency.key_reused");

        Resp real = agent.header("Idempotency-Key", "am2-quote").post("/v1/admin/orders/" + id + "/quote", body);
        assertThat(real.status()).isEqualTo(201);
        assertThat(real.header("idempotent-replayed")).isNull();
        assertThat(priced(dry.json().path("quote"), order)).isEqualTo(priced(real.json().path("quote"), order));
        Resp replay = agent.header("Idempotency-Key", "am2-quote").post("/v1/admin/orders/" + id + "/quote", body);
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json()).isEqualTo(real.json());

        // apply: the dry run answers the order the real apply leaves, to the item
        String quoteId = real.json().path("quote").path("id").asText();
        Resp dryApply = agent.post("/v1/admin/quotes/" + quoteId + "/apply?dry_run=true", null);
        assertThat(dryApply.status()).as(dryApply.toString()).isEqualTo(200);
        assertThat(dryApply.json().path("dry_run").asBoolean()).isTrue();
        JsonNode untouched = agent.get("/v1/orders/" + id).json();
        assertThat(untouched.path("version").asLong()).isEqualTo(order.path("version").asLong());
        assertThat(untouched.path("lines").size()).isEqualTo(2);

        Resp applied = agent.post("/v1/admin/quotes/" + quoteId + "/apply", null);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        JsonNode after = agent.get("/v1/orders/" + id).json();
        assertThat(comparable(dryApply.json().path("order"))).isEqualTo(comparable(applied.json().path("order")));
        assertThat(comparable(applied.json().path("order"))).isEqualTo(comparable(after));
        assertThat(dryApply.json().path("edit").path("changes")).isEqualTo(applied.json().path("edit").path("changes"));
        assertThat(after.path("lines").size()).isEqualTo(3);
        assertThat(after.path("total").asLong()).isEqualTo(real.json().path("quote").path("totals_after").path("total").asLong());

        // applied once: the quote cannot be applied again, dry or not
        assertThat(agent.post("/v1/admin/quotes/" + quoteId + "/apply?dry_run=true", null).code()).isEqualTo("quote.already_applied");
        assertThat(agent.post("/v1/admin/quotes/" + quoteId + "/apply", null).code()).isEqualTo("quote.already_applied");
        List<String> types = agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types.stream().filter("order.edited"::equals).count()).isEqualTo(1);
    }

    /** The order's content, without the ids and times a new edit mints (line ids of added lines, timestamps). */
    static JsonNode comparable(JsonNode order) {
        ObjectNode o = order.deepCopy();
        o.remove(List.of("updated_at", "links"));
        o.withArray("lines").forEach(l -> ((ObjectNode) l).remove(List.of("id", "created_at", "updated_at")));
        return o;
    }

    @Test
    void aStaleQuoteIsRefusedByTheDryRunAsByTheRealApply() {
        JsonNode order = twoLineOrder("am3");
        String id = order.path("id").asText();
        String quoteId = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(patch("replace", "/lines/0/quantity", 3))))
                .json().path("quote").path("id").asText();
        assertThat(agent.post("/v1/orders/" + id + "/hold", Map.of("reason", "check", "type", "customer_request")).status()).isIn(200, 201);
        Resp dry = agent.post("/v1/admin/quotes/" + quoteId + "/apply?dry_run=true", null);
        Resp real = agent.post("/v1/admin/quotes/" + quoteId + "/apply", null);
        assertThat(dry.status()).isEqualTo(409);
        assertThat(dry.code()).isEqualTo("quote.stale");
        assertThat(real.code()).isEqualTo(dry.code());
    }

    @Test
    void quotesNeedTheirPermissionsAndStayInTheirTenant() {
        String id = twoLineOrder("am4").path("id").asText();
        Map<String, Object> body = Map.of("changes", List.of(patch("replace", "/lines/0/quantity", 1)));
        Resp denied = finance.post("/v1/admin/orders/" + id + "/quote", body);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("auth.forbidden");
        Resp price = agent.post("/v1/admin/orders/" + id + "/quote",
                Map.of("changes", List.of(patch("replace", "/lines/0/unit_price", Map.of("amount", 100, "currency", "GBP")))));
        assertThat(price.status()).isEqualTo(403);
        String quoteId = agent.post("/v1/admin/orders/" + id + "/quote", body).json().path("quote").path("id").asText();

        Client stranger = as(newTenant(), "admin-x", "admin");
        assertThat(stranger.get("/v1/admin/quotes/" + quoteId).code()).isEqualTo("quote.not_found");
        assertThat(stranger.post("/v1/admin/quotes/" + quoteId + "/apply", null).code()).isEqualTo("quote.not_found");
        assertThat(stranger.post("/v1/admin/orders/" + id + "/quote", body).code()).isEqualTo("order.not_found");
        assertThat(stranger.get("/v1/admin/orders/" + id + "/reconciliation").code()).isEqualTo("order.not_found");
        assertThat(stranger.get("/v1/admin/orders/" + id + "/payments").code()).isEqualTo("order.not_found");
    }

    @Test
    void aPaymentIsCapturedAndRefundedByItselfWithAReasonCode() {
        Client signedIn = AdminKit.signIn(tenant, "bill-am-sudo", "billing");
        Resp noSudo = signedIn.post("/v1/admin/payments/pg_x/refund", Map.of("order_id", "ord_x", "reason_code", "other", "reason", "no step-up"));
        assertThat(noSudo.status()).isEqualTo(403);
        assertThat(noSudo.code()).isEqualTo("auth.sudo_required");
        Client finance = AdminKit.stepUp(signedIn);
        JsonNode order = twoLineOrder("am5");
        String id = order.path("id").asText();
        long total = order.path("total").asLong();
        String first = payment(finance, 3000, "GBP", "authorized");
        String second = payment(finance, total - 3000, "GBP", "authorized");
        for (String[] p : new String[][] {{first, "3000"}, {second, String.valueOf(total - 3000)}}) {
            assertThat(finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", p[0],
                    "amount", Map.of("amount", Long.parseLong(p[1]), "currency", "GBP"))).status()).isEqualTo(201);
        }
        Resp listed = finance.get("/v1/admin/orders/" + id + "/payments");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("data").findValuesAsText("payment_id")).containsExactly(first, second);

        Resp captured = finance.header("Idempotency-Key", "am5-cap").post("/v1/admin/payments/" + second + "/capture",
                Map.of("order_id", id, "reason", "goods left the warehouse"));
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        assertThat(captured.json().path("payment").path("captured").path("amount").asLong()).isEqualTo(total - 3000);
        Resp again = finance.header("Idempotency-Key", "am5-cap").post("/v1/admin/payments/" + second + "/capture",
                Map.of("order_id", id, "reason", "goods left the warehouse"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(finance.post("/v1/admin/payments/" + first + "/capture", Map.of("order_id", id)).status()).isEqualTo(200);

        // a partial refund of the second payment only: the first, linked earlier, keeps its money
        Resp refund = finance.post("/v1/admin/payments/" + second + "/refund", Map.of("order_id", id,
                "amount", Map.of("amount", 700, "currency", "GBP"), "reason_code", "goodwill", "reason", "late delivery"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        JsonNode r = refund.json().path("refund");
        assertThat(r.path("payments")).hasSize(1);
        assertThat(r.path("payments").get(0).path("payment_id").asText()).isEqualTo(second);
        assertThat(r.path("amount").path("amount").asLong()).isEqualTo(700);
        assertThat(r.path("reason").asText()).isEqualTo("goodwill: late delivery");

        // what is left of it, by default; then nothing more
        Resp rest = finance.post("/v1/admin/payments/" + second + "/refund", Map.of("order_id", id, "reason_code", "customer_request", "reason", "cancelled by phone"));
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.json().path("refund").path("amount").path("amount").asLong()).isEqualTo(total - 3000 - 700);
        Resp none = finance.post("/v1/admin/payments/" + second + "/refund", Map.of("order_id", id, "reason_code", "other", "reason", "again"));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.code()).isEqualTo("refund.exceeds_refundable");
        Resp tooMuch = finance.post("/v1/admin/payments/" + first + "/refund", Map.of("order_id", id,
                "amount", Map.of("amount", 3001, "currency", "GBP"), "reason_code", "other", "reason", "too much"));
        assertThat(tooMuch.code()).isEqualTo("refund.exceeds_refundable");

        // bad input, another order's payment, roles
        Resp noReason = finance.post("/v1/admin/payments/" + first + "/refund", Map.of("order_id", id, "reason_code", "other"));
        assertThat(noReason.status()).isEqualTo(400);
        Resp badCode = finance.post("/v1/admin/payments/" + first + "/refund", Map.of("order_id", id, "reason_code", "whim", "reason", "why not"));
        assertThat(badCode.status()).isEqualTo(400);
        Resp currency = finance.post("/v1/admin/payments/" + first + "/refund", Map.of("order_id", id,
                "amount", Map.of("amount", 10, "currency", "EUR"), "reason_code", "other", "reason", "wrong money"));
        assertThat(currency.status()).isEqualTo(400);
        String other = twoLineOrder("am5b").path("id").asText();
        assertThat(finance.post("/v1/admin/payments/" + first + "/capture", Map.of("order_id", other)).code()).isEqualTo("payment.not_found");
        assertThat(agent.post("/v1/admin/payments/" + first + "/refund",
                Map.of("order_id", id, "reason_code", "other", "reason", "agents may not")).code()).isEqualTo("auth.forbidden");
        Resp shortReason = finance.post("/v1/admin/payments/" + first + "/refund", Map.of("order_id", id, "reason_code", "other", "reason", "no"));
        assertThat(shortReason.code()).isEqualTo("validation.reason_required");
        Resp customerCall = customer(tenant, "am5").get("/v1/admin/orders/" + id + "/payments");
        assertThat(customerCall.status()).isEqualTo(403);
        assertThat(customerCall.code()).isEqualTo("auth.forbidden");
        assertThat(warehouse.post("/v1/admin/payments/" + first + "/capture", Map.of("order_id", id)).code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "fin-x", "finance").post("/v1/admin/payments/" + first + "/capture", Map.of("order_id", id)).code())
                .isEqualTo("order.not_found");
    }

    @Test
    void theReconciliationNamesEveryDifference() {
        JsonNode order = twoLineOrder("am6");
        String id = order.path("id").asText();
        long total = order.path("total").asLong();

        JsonNode unpaid = finance.get("/v1/admin/orders/" + id + "/reconciliation").json();
        assertThat(unpaid.path("balanced").asBoolean()).isFalse();
        assertThat(unpaid.path("order_total").asLong()).isEqualTo(total);
        assertThat(unpaid.path("discrepancies").findValuesAsText("code")).containsExactly("payments.short");
        assertThat(unpaid.path("discrepancies").get(0).path("amount").asLong()).isEqualTo(total);

        String pay = payment(finance, total, "GBP", "captured");
        assertThat(finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pay, "amount", Map.of("amount", total, "currency", "GBP")))
                .status()).isEqualTo(201);
        JsonNode paid = finance.get("/v1/admin/orders/" + id + "/reconciliation").json();
        assertThat(paid.path("payments").path("captured").asLong()).isEqualTo(total);
        assertThat(paid.path("payments").path("net_paid").asLong()).isEqualTo(total);
        assertThat(paid.path("discrepancies").findValuesAsText("code")).containsExactly("invoices.missing");

        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        Resp invoice = finance.post("/v1/orders/" + id + "/invoices/generate", null);
        assertThat(invoice.status()).as(invoice.toString()).isIn(200, 201);
        JsonNode balanced = finance.get("/v1/admin/orders/" + id + "/reconciliation").json();
        assertThat(balanced.path("invoices").path("invoiced").asLong()).isEqualTo(total);
        assertThat(balanced.path("discrepancies")).isEmpty();
        assertThat(balanced.path("balanced").asBoolean()).isTrue();
    }

    @Test
    void aQuoteIsRevisedUnderItsIdUntilItIsApplied() {
        JsonNode order = twoLineOrder("am7");
        String id = order.path("id").asText();
        JsonNode first = agent.post("/v1/admin/orders/" + id + "/quote", Map.of("changes", List.of(patch("replace", "/lines/0/quantity", 1))))
                .json().path("quote");
        String quoteId = first.path("id").asText();
        Map<String, Object> revision = Map.of("changes", List.of(patch("replace", "/lines/0/quantity", 3)), "reason", "customer wants three");

        Resp dry = agent.patch("/v1/admin/quotes/" + quoteId + "?dry_run=true", revision);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(finance.get("/v1/admin/quotes/" + quoteId).json().path("quote").path("totals_after")).isEqualTo(first.path("totals_after"));
        Resp revised = agent.patch("/v1/admin/quotes/" + quoteId, revision);
        assertThat(revised.status()).as(revised.toString()).isEqualTo(200);
        JsonNode q = revised.json().path("quote");
        assertThat(q.path("id").asText()).isEqualTo(quoteId);
        assertThat(q.path("reason").asText()).isEqualTo("customer wants three");
        assertThat(priced(dry.json().path("quote"), order)).isEqualTo(priced(q, order));
        assertThat(q.path("totals_after").path("total").asLong()).isGreaterThan(first.path("totals_after").path("total").asLong());
        assertThat(finance.get("/v1/admin/quotes/" + quoteId).json().path("quote").path("totals_after")).isEqualTo(q.path("totals_after"));

        assertThat(agent.post("/v1/admin/quotes/" + quoteId + "/apply", null).status()).isEqualTo(200);
        assertThat(agent.get("/v1/orders/" + id).json().path("total").asLong()).isEqualTo(q.path("totals_after").path("total").asLong());
        Resp late = agent.patch("/v1/admin/quotes/" + quoteId, revision);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("quote.already_applied");
        assertThat(finance.patch("/v1/admin/quotes/" + quoteId, revision).code()).isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "agent-x", "agent").patch("/v1/admin/quotes/" + quoteId, revision).code()).isEqualTo("quote.not_found");
    }

    /** An order of one line 2 x 2495 GBP with 500 of discount: total 4490. */
    static String discountedOrder(String customer) {
        ObjectNode body = TestSystem.order(customer);
        ((ObjectNode) body.withArray("items").get(0)).set("discount", money(500, "GBP"));
        return create(agent, body);
    }

    @Test
    void aDebitTakesOffALinesDiscountThroughTheQuoteEngineAndItsDryRunAgrees() {
        Client supervisor = AdminKit.stepUp(AdminKit.signIn(tenant, "sup-am", "supervisor"));
        String id = discountedOrder("am8");
        JsonNode before = agent.get("/v1/orders/" + id).json();
        String line = before.path("lines").get(0).path("id").asText();
        Map<String, Object> debit = Map.of("line_id", line, "direction", "debit", "amount", Map.of("amount", 200, "currency", "GBP"),
                "reason", "discount given in error");

        Resp dry = supervisor.post("/v1/admin/orders/" + id + "/adjust-price?dry_run=true", debit);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(before.path("version").asLong());
        Resp real = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", debit);
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(real.json().path("direction").asText()).isEqualTo("debit");
        assertThat(comparable(dry.json().path("order"))).isEqualTo(comparable(real.json().path("order")));
        JsonNode after = agent.get("/v1/orders/" + id).json();
        assertThat(after.path("total").asLong()).isEqualTo(before.path("total").asLong() + 200);
        assertThat(real.json().path("edit").path("reason").asText()).isEqualTo("discount given in error");

        Resp tooMuch = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", Map.of("line_id", line, "direction", "debit",
                "amount", Map.of("amount", 301, "currency", "GBP"), "reason", "more than the discount"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("adjustment.exceeds_discount");
        Resp noLine = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", Map.of("direction", "debit",
                "amount", Map.of("amount", 1, "currency", "GBP"), "reason", "the whole order"));
        assertThat(noLine.code()).isEqualTo("adjustment.line_required");
        Resp noReason = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", Map.of("line_id", line, "direction", "debit",
                "amount", Map.of("amount", 1, "currency", "GBP")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(agent.post("/v1/admin/orders/" + id + "/adjust-price", debit).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "sup-nosudo", "supervisor").post("/v1/admin/orders/" + id + "/adjust-price", debit).code()).isEqualTo("auth.sudo_required");
        assertThat(AdminKit.stepUp(AdminKit.signIn(newTenant(), "sup-x", "supervisor")).post("/v1/admin/orders/" + id + "/adjust-price", debit).code())
                .isEqualTo("order.not_found");
    }

    @Test
    void aCreditIsARefundDocumentedByACreditNoteAndTheOrderStaysReconciled() {
        Client supervisor = AdminKit.stepUp(AdminKit.signIn(tenant, "sup-am2", "supervisor"));
        String id = discountedOrder("am9");
        long total = agent.get("/v1/orders/" + id).json().path("total").asLong();
        String pay = payment(finance, total, "GBP", "captured");
        assertThat(finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pay, "amount", Map.of("amount", total, "currency", "GBP")))
                .status()).isEqualTo(201);
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).status()).isEqualTo(200);
        assertThat(finance.post("/v1/orders/" + id + "/invoices/generate", null).status()).isIn(200, 201);
        String line = agent.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Map<String, Object> credit = Map.of("line_id", line, "direction", "credit", "amount", Map.of("amount", 450, "currency", "GBP"),
                "reason", "scratched on arrival");

        Resp dry = supervisor.post("/v1/admin/orders/" + id + "/adjust-price?dry_run=true", credit);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(finance.get("/v1/orders/" + id + "/refunds").json().path("data")).isEmpty();
        Resp real = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", credit);
        assertThat(real.status()).as(real.toString()).isEqualTo(201);
        JsonNode planned = dry.json().path("refund"), refund = real.json().path("refund");
        assertThat(refund.path("status").asText()).isEqualTo("succeeded");
        for (String field : List.of("amount", "lines", "destination", "reason")) assertThat(planned.path(field)).as(field).isEqualTo(refund.path(field));
        assertThat(planned.path("payments").findValuesAsText("payment_id")).isEqualTo(refund.path("payments").findValuesAsText("payment_id"));
        assertThat(refund.path("reason").asText()).isEqualTo("price_adjustment: scratched on arrival");

        eventually("the credit note", () -> finance.get("/v1/orders/" + id + "/invoices").json().path("data").findValuesAsText("type").contains("credit_note"));
        JsonNode rec = finance.get("/v1/admin/orders/" + id + "/reconciliation").json();
        assertThat(rec.path("invoices").path("credited").asLong()).isEqualTo(450);
        assertThat(rec.path("payments").path("net_paid").asLong()).isEqualTo(total - 450);
        assertThat(rec.path("amount_owed").asLong()).isEqualTo(total - 450);
        assertThat(rec.path("discrepancies")).isEmpty();

        Resp beyond = supervisor.post("/v1/admin/orders/" + id + "/adjust-price", Map.of("direction", "credit",
                "amount", Map.of("amount", total, "currency", "GBP"), "reason", "everything back"));
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("refund.exceeds_refundable");
    }
}
