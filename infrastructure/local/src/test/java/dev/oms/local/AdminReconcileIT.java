package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.domain.money.Money;
import dev.oms.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 reconciliation (docs/admin-money.md#reconciling-payments): a payment against the payment service, dry run
 * and applied, provider truth that explains itself applied, the rest left for an agent; an order's payments and report;
 * roles, reasons, tenants.
 */
class AdminReconcileIT {

    static List<String> diffs(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("differences").forEach(d -> out.add(d.path("field").asText() + ":" + d.path("oms").asText() + "->" + d.path("provider").asText() + ":" + d.path("action").asText()));
        return out;
    }

    @Test
    void aCaptureTheServiceMadeIsAppliedAndAnUnexplainedRefundIsLeftForAnAgent() {
        String t = newTenant();
        Client sup = as(t, "sup-rec", "supervisor");
        Client finance = as(t, "fin-rec", "finance");
        String orderId = create(sup, paidOrder(sup, "c-rec", "authorized"));
        assertThat(sup.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        String paymentId = sup.get("/v1/orders/" + orderId).json().path("payments").get(0).path("payment_id").asText();
        String path = "/v1/admin/payments/" + paymentId + "/reconcile";

        Resp clean = finance.post(path, Map.of("order_id", orderId, "reason", "daily check"));
        assertThat(clean.status()).as(clean.toString()).isEqualTo(200);
        assertThat(clean.json().path("balanced").asBoolean()).isTrue();

        // captured at the payment service behind the OMS's back
        Platform.get().payments.capture(t, paymentId, Money.of(4990, "GBP"), "outside-" + t);
        Resp dry = finance.post(path, Map.of("order_id", orderId, "dry_run", true, "reason", "settlement shows a capture"));
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(diffs(dry.json())).containsExactly("status:authorized->captured:would_apply", "captured:0->4990:would_apply");
        assertThat(dry.json().path("after").path("captured").asLong()).isZero();
        assertThat(sup.get("/v1/orders/" + orderId).json().path("payments").get(0).path("captured").asLong()).isZero();

        Resp applied = finance.header("Idempotency-Key", "rec-1").post(path, Map.of("order_id", orderId, "reason", "settlement shows a capture"));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(diffs(applied.json())).containsExactly("status:authorized->captured:applied", "captured:0->4990:applied");
        assertThat(applied.json().path("after").path("status").asText()).isEqualTo("captured");
        assertThat(applied.json().path("after").path("captured").asLong()).isEqualTo(4990);
        assertThat(finance.header("Idempotency-Key", "rec-1").post(path, Map.of("order_id", orderId, "reason", "settlement shows a capture"))
                .header("idempotent-replayed")).isEqualTo("true");
        List<String> types = new ArrayList<>();
        sup.get("/v1/orders/" + orderId + "/timeline?limit=100").json().path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("payment.captured");
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "check again")).json().path("balanced").asBoolean()).isTrue();

        // refunded at the service: the OMS issued no refund, so an agent decides
        Platform.get().payments.refund(t, paymentId, Money.of(1000, "GBP"), "outside-refund-" + t);
        Resp refund = finance.post(path, Map.of("order_id", orderId, "reason", "refund in the settlement"));
        assertThat(diffs(refund.json())).containsExactly("status:captured->partially_refunded:needs_agent", "refunded:0->1000:needs_agent");
        assertThat(refund.json().path("after").path("refunded").asLong()).isZero();

        Resp order = finance.post("/v1/admin/orders/" + orderId + "/reconcile", Map.of("reason", "monthly check"));
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        assertThat(order.json().path("balanced").asBoolean()).isFalse();
        assertThat(order.json().path("payments")).hasSize(1);
        assertThat(order.json().path("reconciliation").path("order_id").asText()).isEqualTo(orderId);
    }

    static Map<String, Object> settlement(String reference, long amount, long fee, String currency) {
        return Map.of("reference", reference, "amount", Map.of("amount", amount, "currency", currency), "fee", Map.of("amount", fee, "currency", currency),
                "settled_at", java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString(),
                "evidence", List.of(Map.of("type", "settlement_report", "reference", "payouts.csv line 14", "url", "https://files.example.com/payouts.csv")));
    }

    @Test
    void anExternalSettlementIsLinkedWithItsEvidenceAndItsShortfallNamed() {
        String t = newTenant();
        Client sup = as(t, "sup-set", "supervisor");
        Client finance = as(t, "fin-set", "finance");
        String orderId = create(sup, paidOrder(sup, "c-set", "captured"));
        assertThat(sup.post("/v1/orders/" + orderId + "/confirm", null).status()).isEqualTo(200);
        String paymentId = sup.get("/v1/orders/" + orderId).json().path("payments").get(0).path("payment_id").asText();
        long captured = finance.get("/v1/orders/" + orderId + "/payments/" + paymentId).json().path("captured").path("amount").asLong();
        assertThat(captured).isEqualTo(4990);
        String path = "/v1/admin/payments/" + paymentId + "/reconcile";

        // checked only in a dry run
        Resp dry = finance.post(path, Map.of("order_id", orderId, "dry_run", true, "reason", "payout po_1 matched",
                "settlement", settlement("po_1", captured - 1000, 95, "GBP")));
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().path("settlement").path("action").asText()).isEqualTo("would_link");
        assertThat(dry.json().path("settlement").path("difference").asLong()).isEqualTo(-1000);
        assertThat(finance.get("/v1/orders/" + orderId + "/payments/" + paymentId).json().path("settlements")).isEmpty();

        // the first payout settles part of it: linked, and the reconciliation names what is missing
        Map<String, Object> po1 = settlement("po_1", captured - 1000, 95, "GBP");
        Resp first = finance.header("Idempotency-Key", "set-1").post(path, Map.of("order_id", orderId, "reason", "payout po_1 matched", "settlement", po1));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode linked = first.json().path("settlement");
        assertThat(linked.path("action").asText()).isEqualTo("linked");
        assertThat(linked.path("matched").asBoolean()).isFalse();
        assertThat(finance.header("Idempotency-Key", "set-1").post(path, Map.of("order_id", orderId, "reason", "payout po_1 matched", "settlement", po1))
                .header("idempotent-replayed")).isEqualTo("true");
        JsonNode payment = finance.get("/v1/orders/" + orderId + "/payments/" + paymentId).json();
        assertThat(payment.path("settlements")).hasSize(1);
        assertThat(payment.path("settlements").get(0).path("net").path("amount").asLong()).isEqualTo(captured - 1000 - 95);
        assertThat(payment.path("settlements").get(0).path("evidence").get(0).path("type").asText()).isEqualTo("settlement_report");
        assertThat(payment.path("settlements").get(0).path("linked_by").asText()).isEqualTo("fin-set");
        JsonNode report = finance.get("/v1/admin/orders/" + orderId + "/reconciliation").json();
        assertThat(report.path("settlements").path("settled").asLong()).isEqualTo(captured - 1000);
        assertThat(report.path("settlements").path("fees").asLong()).isEqualTo(95);
        assertThat(report.path("discrepancies")).anyMatch(d -> d.path("code").asText().equals("settlements.mismatch") && d.path("amount").asLong() == 1000);
        JsonNode event = sup.get("/v1/orders/" + orderId + "/timeline?limit=100").json().path("data").findParents("type").stream()
                .filter(e -> e.path("type").asText().equals("payment.settlement_linked")).findFirst().orElseThrow();
        assertThat(event.path("data").path("difference").asLong()).isEqualTo(-1000);
        assertThat(event.path("reason").asText()).isEqualTo("payout po_1 matched");

        // the second payout settles the rest: the payment balances
        Resp second = finance.post(path, Map.of("order_id", orderId, "reason", "payout po_2 matched", "settlement", settlement("po_2", 1000, 0, "GBP")));
        assertThat(second.json().path("settlement").path("matched").asBoolean()).as(second.toString()).isTrue();
        assertThat(finance.get("/v1/admin/orders/" + orderId + "/reconciliation").json().path("discrepancies"))
                .noneMatch(d -> d.path("code").asText().equals("settlements.mismatch"));

        // refused: the same payout again, another currency, a fee above the amount, no evidence, a date to come, another tenant
        Resp again = finance.post(path, Map.of("order_id", orderId, "reason", "again", "settlement", settlement("po_2", 1000, 0, "GBP")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("settlement.already_linked");
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "wrong", "settlement", settlement("po_3", 1000, 0, "EUR"))).status()).isEqualTo(400);
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "wrong", "settlement", settlement("po_4", 100, 200, "GBP"))).status()).isEqualTo(400);
        Map<String, Object> bare = new java.util.HashMap<>(settlement("po_5", 100, 0, "GBP"));
        bare.put("evidence", List.of());
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "wrong", "settlement", bare)).status()).isEqualTo(400);
        Map<String, Object> later = new java.util.HashMap<>(settlement("po_6", 100, 0, "GBP"));
        later.put("settled_at", java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString());
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "wrong", "settlement", later)).status()).isEqualTo(400);
        Map<String, Object> plain = new java.util.HashMap<>(settlement("po_7", 100, 0, "GBP"));
        plain.put("evidence", List.of(Map.of("type", "bank_statement", "reference", "line 3", "url", "http://insecure.example.com")));
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "wrong", "settlement", plain)).status()).isEqualTo(400);
        assertThat(as(t, "agent-set", "agent").post(path, Map.of("order_id", orderId, "reason", "x y z", "settlement", settlement("po_8", 1, 0, "GBP"))).code())
                .isEqualTo("auth.forbidden");
        assertThat(as(newTenant(), "fin-x", "finance").post(path, Map.of("order_id", orderId, "reason", "x y z", "settlement", settlement("po_9", 1, 0, "GBP"))).status())
                .isEqualTo(404);
        assertThat(finance.get("/v1/orders/" + orderId + "/payments/" + paymentId).json().path("settlements")).hasSize(2);
    }

    @Test
    void rolesReasonsTenantsAndUnknownPaymentsAreRefused() {
        String t = newTenant();
        Client sup = as(t, "sup-rec2", "supervisor");
        Client finance = as(t, "fin-rec2", "finance");
        String orderId = create(sup, paidOrder(sup, "c-rec2", "authorized"));
        String paymentId = sup.get("/v1/orders/" + orderId).json().path("payments").get(0).path("payment_id").asText();
        String path = "/v1/admin/payments/" + paymentId + "/reconcile";
        assertThat(as(t, "agent-rec", "agent").post(path, Map.of("order_id", orderId, "reason", "check")).code()).isEqualTo("auth.forbidden");
        assertThat(finance.post(path, Map.of("order_id", orderId)).code()).isEqualTo("validation.reason_required");
        assertThat(finance.post(path, Map.of("reason", "no order")).status()).isEqualTo(400);
        assertThat(finance.post(path, Map.of("order_id", orderId, "reason", "check", "apply", "all")).status()).isEqualTo(400);
        assertThat(finance.post("/v1/admin/payments/pay_unknown/reconcile", Map.of("order_id", orderId, "reason", "check")).code()).isEqualTo("payment.not_found");
        Client stranger = as(newTenant(), "fin-x", "finance");
        assertThat(stranger.post(path, Map.of("order_id", orderId, "reason", "check")).code()).isEqualTo("order.not_found");
        assertThat(stranger.post("/v1/admin/orders/" + orderId + "/reconcile", Map.of("reason", "check")).code()).isEqualTo("order.not_found");
        assertThat(customer(t, "c-rec2").post("/v1/admin/orders/" + orderId + "/reconcile", Map.of("reason", "mine")).status()).isEqualTo(403);
    }
}
