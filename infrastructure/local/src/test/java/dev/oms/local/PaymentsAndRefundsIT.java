package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payments linked, captured and unlinked, and refunds issued, over HTTP against the local runtime. */
class PaymentsAndRefundsIT {
    static String tenant;
    static Client admin;
    static Client finance;
    static Client agent;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        admin = as(tenant, "admin-pay", "admin");
        finance = as(tenant, "fin-pay", "finance");
        agent = as(tenant, "agent-pay", "agent");
    }

    @AfterEach
    void clearFaults() { anonymous().delete("/local/faults"); }

    /** 2 x 2495 with 20% tax and 500 shipping: total 6488. */
    static String order(String customer, String currency, long unitPrice) {
        ObjectNode body = TestSystem.order(customer);
        body.put("currency", currency);
        ObjectNode item = (ObjectNode) body.withArray("items").get(0);
        item.set("unit_price", money(unitPrice, currency));
        item.put("tax_rate_bps", 2000);
        body.putObject("shipping").put("method", "std").set("amount", money(500, currency));
        return create(agent, body);
    }

    static Resp link(Client c, String orderId, String paymentId, long amount, String currency) {
        return c.post("/v1/orders/" + orderId + "/payments/link", Map.of("payment_id", paymentId, "amount", Map.of("amount", amount, "currency", currency)));
    }

    static JsonNode summary(String orderId) { return finance.get("/v1/orders/" + orderId + "/payments").json().path("summary"); }

    @Test
    void linkCaptureInPartsAndRefundKeepTheOrderBalanced() {
        String id = order("pc1", "GBP", 2495);
        long total = agent.get("/v1/orders/" + id).json().path("total").asLong();
        assertThat(total).isEqualTo(5988 + 500);
        String pay = payment(finance, total, "GBP", "authorized");

        Resp linked = link(finance, id, pay, total, "GBP");
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.header("location")).isEqualTo("/v1/orders/" + id + "/payments/" + pay);
        assertThat(linked.json().path("summary").path("payment_status").asText()).isEqualTo("authorized");

        Resp part = finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pay, "amount", Map.of("amount", 2000, "currency", "GBP")));
        assertThat(part.status()).as(part.toString()).isEqualTo(200);
        assertThat(part.json().path("payment").path("captured").path("amount").asLong()).isEqualTo(2000);
        assertThat(part.json().path("summary").path("payment_status").asText()).isEqualTo("partially_paid");
        assertThat(agent.get("/v1/orders/" + id).json().path("balance_due").asLong()).isEqualTo(total - 2000);

        Resp beyond = finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pay, "amount", Map.of("amount", total, "currency", "GBP")));
        assertThat(beyond.status()).isEqualTo(422);
        assertThat(beyond.code()).isEqualTo("payment.capture_exceeds_authorized");
        assertThat(beyond.header("content-type")).startsWith("application/problem+json");

        assertThat(finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pay)).status()).isEqualTo(200);
        JsonNode order = agent.get("/v1/orders/" + id).json();
        assertThat(order.path("payment_status").asText()).isEqualTo("paid");
        assertThat(order.path("balance_due").asLong()).isZero();

        String line = order.path("lines").get(0).path("id").asText();
        Resp refund = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "one arrived broken",
                "lines", List.of(Map.of("line_id", line, "quantity", 1)), "destination", "original_method"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        JsonNode r = refund.json().path("refund");
        assertThat(r.path("status").asText()).isEqualTo("succeeded");
        assertThat(r.path("amount").path("amount").asLong()).isEqualTo(2994);
        assertThat(r.path("lines").get(0).path("tax").path("amount").asLong()).isEqualTo(499);
        assertThat(r.path("payments").get(0).path("payment_id").asText()).isEqualTo(pay);
        assertThat(refund.header("location")).isEqualTo("/v1/orders/" + id + "/refunds/" + r.path("id").asText());

        Resp over = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "too much",
                "lines", List.of(Map.of("line_id", line, "quantity", 2))));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.code()).isEqualTo("refund.exceeds_refundable");
        Resp overAmount = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "too much", "amount", Map.of("amount", total, "currency", "GBP")));
        assertThat(overAmount.code()).isEqualTo("refund.exceeds_refundable");

        JsonNode s = summary(id);
        assertThat(s.path("payment_status").asText()).isEqualTo("partially_refunded");
        assertThat(s.path("refundable").path("amount").asLong()).isEqualTo(total - 2994);
        assertThat(agent.get("/v1/orders/" + id + "/refunds").json().path("data").size()).isEqualTo(1);
        assertThat(agent.get("/v1/orders/" + id + "/refunds/" + r.path("id").asText()).status()).isEqualTo(200);
        List<String> types = agent.get("/v1/orders/" + id + "/timeline?limit=200").json().path("data").findValuesAsText("type");
        assertThat(types).contains("payment.linked", "payment.captured", "refund.requested", "refund.issued");
    }

    @Test
    void unlinkIsForAdminsAndNotWhileCapturedMoneyIsApplied() {
        String id = order("pc2", "GBP", 1000);
        String pay = payment(finance, 1000, "GBP", "captured");
        assertThat(link(finance, id, pay, 1000, "GBP").status()).isEqualTo(201);
        Resp forbidden = finance.post("/v1/orders/" + id + "/payments/unlink", Map.of("payment_id", pay, "reason", "wrong order"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("auth.forbidden");
        Resp blocked = admin.post("/v1/orders/" + id + "/payments/unlink", Map.of("payment_id", pay, "reason", "wrong order"));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.code()).isEqualTo("payment.captured_funds_applied");
        assertThat(finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "wrong order", "amount", Map.of("amount", 1000, "currency", "GBP")))
                .status()).isEqualTo(201);
        Resp unlinked = admin.post("/v1/orders/" + id + "/payments/unlink", Map.of("payment_id", pay, "reason", "wrong order"));
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        assertThat(finance.get("/v1/orders/" + id + "/payments/" + pay).code()).isEqualTo("payment.not_found");
    }

    @Test
    void linkRefusesWrongCurrencyUnknownPaymentsAndMoreThanTheOrderNeeds() {
        String id = order("pc3", "GBP", 1000);
        String usd = payment(finance, 1000, "USD", "authorized");
        assertThat(link(finance, id, usd, 1000, "GBP").code()).isEqualTo("payment.currency_mismatch");
        Resp wrongCurrency = link(finance, id, usd, 1000, "USD");
        assertThat(wrongCurrency.status()).isEqualTo(400);
        assertThat(wrongCurrency.json().path("errors").get(0).path("code").asText()).isEqualTo("currency.mismatch");
        assertThat(link(finance, id, "pg_nope", 100, "GBP").code()).isEqualTo("payment.unknown");
        String big = payment(finance, 99_999, "GBP", "authorized");
        Resp tooMuch = link(finance, id, big, 99_999, "GBP");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("payment.exceeds_order_total");
        Resp bad = finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", big, "amount", Map.of("amount", -1, "currency", "GBP")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request.invalid");
        assertThat(agent.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", big, "amount", Map.of("amount", 1, "currency", "GBP")))
                .status()).isEqualTo(403);
    }

    @Test
    void otherTenantsAndOtherCustomersSeeA404AndCustomersReadTheirOwn() {
        String id = order("pc4", "GBP", 1000);
        String pay = payment(finance, 1000, "GBP", "authorized");
        link(finance, id, pay, 1000, "GBP");
        Client stranger = as(newTenant(), "admin-x", "admin");
        assertThat(stranger.get("/v1/orders/" + id + "/payments").status()).isEqualTo(404);
        assertThat(link(stranger, id, pay, 1000, "GBP").status()).isEqualTo(404);
        assertThat(stranger.post("/v1/orders/" + id + "/refunds", Map.of("reason", "x", "amount", Map.of("amount", 1, "currency", "GBP"))).status())
                .isEqualTo(404);
        assertThat(customer(tenant, "pc4").get("/v1/orders/" + id + "/payments").status()).isEqualTo(200);
        assertThat(customer(tenant, "someone-else").get("/v1/orders/" + id + "/payments").status()).isEqualTo(404);
        assertThat(customer(tenant, "pc4").post("/v1/orders/" + id + "/refunds", Map.of("reason", "x", "amount", Map.of("amount", 1, "currency", "GBP")))
                .status()).isEqualTo(403);
    }

    @Test
    void anIdempotencyKeyReplaysTheRefundAndAStaleIfMatchConflicts() {
        String id = order("pc5", "GBP", 1000);
        String pay = payment(finance, 1700, "GBP", "captured");
        link(finance, id, pay, 1700, "GBP");
        Client keyed = finance.header("Idempotency-Key", "refund-" + id);
        Map<String, Object> body = Map.of("reason", "goodwill", "amount", Map.of("amount", 300, "currency", "GBP"), "destination", "store_credit");
        Resp first = keyed.post("/v1/orders/" + id + "/refunds", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("refund").path("store_credit_id").asText()).startsWith("sc_");
        Resp again = keyed.post("/v1/orders/" + id + "/refunds", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("refund").path("id").asText()).isEqualTo(first.json().path("refund").path("id").asText());
        assertThat(agent.get("/v1/orders/" + id + "/refunds").json().path("data").size()).isEqualTo(1);

        Resp stale = finance.header("If-Match", "\"1\"").post("/v1/orders/" + id + "/refunds", Map.of("reason", "x", "amount", Map.of("amount", 1, "currency", "GBP")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "x", "amount", Map.of("amount", 1, "currency", "JPY"))).status())
                .isEqualTo(400);
    }

    @Test
    void aStoreCreditServiceThatDoesNotAnswerLeavesTheRefundPendingUntilRetried() {
        String id = order("pc7", "KWD", 1001);
        long total = agent.get("/v1/orders/" + id).json().path("total").asLong();
        String pay = payment(finance, total, "KWD", "captured");
        link(finance, id, pay, total, "KWD");
        anonymous().post("/local/faults", Map.of("connector", "store_credit", "operation", "issue", "mode", "timeout", "times", 1));
        Resp pending = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "r", "destination", "store_credit",
                "amount", Map.of("amount", 1234, "currency", "KWD")));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
        assertThat(pending.json().path("refund").path("status").asText()).isEqualTo("pending");
        assertThat(summary(id).path("refundable").path("amount").asLong()).isEqualTo(total - 1234);
        String refundId = pending.json().path("refund").path("id").asText();
        Resp retried = finance.post("/v1/orders/" + id + "/refunds/" + refundId + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("refund").path("status").asText()).isEqualTo("succeeded");
        assertThat(retried.json().path("refund").path("store_credit_id").asText()).startsWith("sc_");
        assertThat(summary(id).path("store_credit").path("amount").asLong()).isEqualTo(1234);
        assertThat(agent.post("/v1/orders/" + id + "/refunds/" + refundId + "/retry", null).status()).isEqualTo(403);
    }

    @Test
    void aRefundThePaymentServiceRefusesIsRecordedFailedAndFreesTheBalance() {
        String id = order("pc6", "JPY", 1001);
        long total = agent.get("/v1/orders/" + id).json().path("total").asLong();
        String pay = payment(finance, total, "JPY", "captured");
        link(finance, id, pay, total, "JPY");
        anonymous().post("/local/faults", Map.of("connector", "payments", "operation", "refund", "mode", "decline", "times", 1));
        Resp failed = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "r", "amount", Map.of("amount", total, "currency", "JPY")));
        assertThat(failed.status()).isEqualTo(201);
        assertThat(failed.json().path("refund").path("status").asText()).isEqualTo("failed");
        assertThat(summary(id).path("refundable").path("amount").asLong()).isEqualTo(total);
        Resp ok = finance.post("/v1/orders/" + id + "/refunds", Map.of("reason", "r", "amount", Map.of("amount", total, "currency", "JPY")));
        assertThat(ok.json().path("refund").path("status").asText()).isEqualTo("succeeded");
        assertThat(summary(id).path("payment_status").asText()).isEqualTo("refunded");
    }
}
