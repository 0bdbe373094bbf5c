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
