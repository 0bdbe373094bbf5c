package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.Platform;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 {@code GET /v1/admin/metrics/orders} (docs/metrics.md#admin-kpis): throughput, disputes from the payment
 * postback, customer service's first responses from the conversation, from the stream's daily counters; roles and
 * tenants. Also the agent's reply route the first responses come from.
 */
class AdminOrderMetricsIT {
    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Test
    void throughputDisputesAndFirstResponsesAreCountedPerDay() {
        String t = newTenant();
        Client sup = as(t, "sup-km", "supervisor");
        Client agent = as(t, "agent-km", "agent");
        var body = paidOrder(sup, "c-km", "captured");
        String paymentId = body.path("payments").get(0).path("payment_id").asText();
        String disputed = create(sup, body);
        String quiet = create(sup, order("c-km2"));

        // a chargeback reported by the payment service
        String secret = Platform.get().inboundSecrets.generate(t, "payment");
        Resp dispute = postback(t, "payment", secret, "km-1", now(), WebhooksIT.paymentPostback("payment.disputed", disputed, paymentId));
        assertThat(dispute.status()).as(dispute.toString()).isEqualTo(200);
        assertThat(sup.get("/v1/orders/" + disputed).json().path("payments").get(0).path("status").asText()).isEqualTo("disputed");

        // the customer writes twice, support answers once (a first response), then follows up (not counted)
        Client customer = customer(t, "c-km2");
        assertThat(customer.post("/v1/customer/orders/" + quiet + "/messages", Map.of("text", "Where is my parcel?")).status()).isEqualTo(201);
        assertThat(customer.post("/v1/customer/orders/" + quiet + "/messages", Map.of("text", "Hello?")).status()).isEqualTo(201);
        Resp reply = agent.post("/v1/admin/orders/" + quiet + "/messages", Map.of("text", "It ships today."));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("author").asText()).isEqualTo("agent");
        assertThat(agent.post("/v1/admin/orders/" + quiet + "/messages", Map.of("text", "Tracking: SBX123")).status()).isEqualTo(201);
        JsonNode conversation = customer.get("/v1/customer/orders/" + quiet + "/messages").json().path("data");
        assertThat(conversation).hasSize(4);
        assertThat(conversation.get(2).path("author").asText()).isEqualTo("agent");

        // a support case opened and resolved: a resolution time; a second resolve is refused
        Resp opened = agent.post("/v1/admin/orders/" + quiet + "/cases", Map.of("subject", "Late parcel", "description", "Customer waits",
                "category", "delivery"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String caseId = opened.json().path("id").asText();
        Resp resolved = agent.post("/v1/admin/orders/" + quiet + "/cases/" + caseId + "/resolve", Map.of("resolution", "Parcel delivered"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.json().path("resolved_by").asText()).isEqualTo("agent-km");
        Resp again = agent.post("/v1/admin/orders/" + quiet + "/cases/" + caseId + "/resolve", Map.of("resolution", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("case.already_resolved");
        assertThat(agent.post("/v1/admin/orders/" + quiet + "/cases/case_missing/resolve", Map.of("resolution", "x")).code()).isEqualTo("case.not_found");
        assertThat(agent.post("/v1/admin/orders/" + quiet + "/cases/" + caseId + "/resolve", Map.of()).status()).isEqualTo(400);

        eventually("the counters follow the stream", () -> {
            JsonNode totals = sup.get("/v1/admin/metrics/orders?from=" + TODAY + "&to=" + TODAY).json().path("totals");
            return totals.path("orders_count").asLong() == 2 && totals.path("disputes_count").asLong() == 1
                    && totals.path("cs_first_response").path("count").asLong() == 1 && totals.path("case_resolution").path("count").asLong() == 1;
        });
        Resp r = sup.get("/v1/admin/metrics/orders?from=" + TODAY + "&to=" + TODAY);
        JsonNode totals = r.json().path("totals");
        assertThat(totals.path("dispute_rate_bps").asLong()).isEqualTo(5000);
        assertThat(totals.path("orders_per_day").asLong()).isEqualTo(2);
        assertThat(totals.path("cs_first_response").path("p50_seconds").asLong()).isPositive();
        JsonNode day = r.json().path("days").get(0);
        assertThat(day.path("date").asText()).isEqualTo(TODAY);
        assertThat(day.path("cs_replies_count").asLong()).isEqualTo(1);
    }

    @Test
    void rolesTenantsAndBadInputAreRefused() {
        String t = newTenant();
        assertThat(as(t, "agent-km2", "agent").get("/v1/admin/metrics/orders").code()).isEqualTo("auth.forbidden");
        assertThat(customer(t, "c-km3").get("/v1/admin/metrics/orders").status()).isEqualTo(403);
        Client other = as(newTenant(), "sup-km3", "supervisor");
        assertThat(other.get("/v1/admin/metrics/orders").json().path("totals").path("orders_count").asLong()).isZero();
        assertThat(other.get("/v1/admin/metrics/orders").json().path("totals").path("dispute_rate_bps").isNull()).isTrue();
        assertThat(other.get("/v1/admin/metrics/orders?from=yesterday").status()).isEqualTo(400);
        assertThat(other.get("/v1/admin/metrics/orders?from=2026-12-05&to=2026-01-01").status()).isEqualTo(400);
        assertThat(other.get("/v1/admin/metrics/orders?sort=x").status()).isEqualTo(400);
        // only staff answer in the conversation
        String orderId = create(as(t, "sup-km4", "supervisor"), order("c-km3"));
        assertThat(customer(t, "c-km3").post("/v1/admin/orders/" + orderId + "/messages", Map.of("text", "me")).status()).isEqualTo(403);
        assertThat(as(t, "fin-km", "finance").post("/v1/admin/orders/" + orderId + "/messages", Map.of("text", "hi")).code()).isEqualTo("auth.forbidden");
        assertThat(other.post("/v1/admin/orders/" + orderId + "/messages", Map.of("text", "hi")).code()).isEqualTo("order.not_found");
    }
}
