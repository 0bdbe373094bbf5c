package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.PaymentTermsDeadlines;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * B2B payment terms (issue 11): orders with {@code payment_terms} confirm without an authorization where the tenant
 * allows terms for the customer or channel, carry their due date, fire {@code order.payment_overdue} once when it
 * passed unpaid (the policy deadline sweeper), and are settled by payments linked and captured later.
 */
class PaymentTermsIT {

    @Test
    void netTermsConfirmWithoutAnAuthorizationAndFireOverdueOnceWhenUnpaid() {
        String t = newTenant();
        Client admin = as(t, "admin-b2b", "admin");
        Resp allowed = admin.patch("/v1/orders/settings", Map.of("payment_terms_customers", List.of("c-b2b"), "reason", "B2B account"));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.json().path("payment_terms_customers").get(0).asText()).isEqualTo("c-b2b");
        assertThat(allowed.json().path("payment_terms_channels")).isEmpty();

        Client agent = as(t, "agent-b2b", "agent");
        ObjectNode body = order("c-b2b");
        body.put("payment_terms", "net_30");
        Resp created = agent.post("/v1/orders", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("payment_terms").asText()).isEqualTo("net_30");
        assertThat(created.json().path("due_date").isNull()).isTrue();
        String id = created.json().path("id").asText();

        Resp confirmed = agent.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.json().path("payment_status").asText()).isEqualTo("unpaid");
        assertThat(confirmed.json().path("balance_due").asLong()).isEqualTo(4990);
        LocalDate due = LocalDate.ofInstant(Instant.parse(confirmed.json().path("confirmed_at").asText()), ZoneOffset.UTC).plusDays(30);
        assertThat(confirmed.json().path("due_date").asText()).isEqualTo(due.toString());
        JsonNode confirmedEvent = lastEvent(agent, id, "order.confirmed");
        assertThat(confirmedEvent.path("data").path("payment_terms").asText()).isEqualTo("net_30");
        assertThat(confirmedEvent.path("data").path("due_date").asText()).isEqualTo(due.toString());

        // the confirmation event gives the order its deadline: the start of the day after the due date
        eventually("the due-date deadline", () -> deadline(t, id) != null);
        Instant overdueAt = due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(Instant.parse(deadline(t, id).path("due_at").asText())).isEqualTo(overdueAt);

        // before the date nothing happens (the template's schedule runs the sweeper)
        assertThat(anonymous().post("/local/schedules/PolicyDeadlinesSchedule/run", null).status()).isEqualTo(202);
        assertThat(lastEvent(agent, id, "order.payment_overdue")).isNull();

        var swept = Platform.get().cases().policyEngine.sweep(overdueAt.plusSeconds(1), 100);
        assertThat(swept).anySatisfy(s -> {
            assertThat(s.orderId()).isEqualTo(id);
            assertThat(s.outcome()).isEqualTo("overdue");
        });
        JsonNode overdue = lastEvent(agent, id, "order.payment_overdue");
        assertThat(overdue.path("actor").path("id").asText()).isEqualTo(PaymentTermsDeadlines.ACTOR);
        assertThat(overdue.path("actor").path("type").asText()).isEqualTo("system");
        assertThat(overdue.path("data").path("balance_due").asLong()).isEqualTo(4990);
        assertThat(overdue.path("data").path("due_date").asText()).isEqualTo(due.toString());
        assertThat(overdue.path("data").path("days_overdue").asLong()).isEqualTo(1);
        JsonNode order = agent.get("/v1/orders/" + id).json();
        assertThat(order.path("payment_overdue_at").asText()).isNotEmpty();
        assertThat(deadline(t, id)).isNull();

        // once: a later event of the order sets no new deadline, a later sweep records nothing more
        assertThat(Platform.get().cases().policyEngine.onOrderChanged(t, id)).isFalse();
        assertThat(deadline(t, id)).isNull();
        Platform.get().cases().policyEngine.sweep(overdueAt.plusSeconds(3600), 100);
        long overdueEvents = timeline(agent, id).stream().filter(e -> e.path("type").asText().equals("order.payment_overdue")).count();
        assertThat(overdueEvents).isEqualTo(1);
    }

    @Test
    void aPaymentLinkedAndCapturedLaterSettlesTheBalanceSoNothingIsOverdue() {
        String t = newTenant();
        Client admin = as(t, "admin-b2b", "admin");
        assertThat(admin.patch("/v1/orders/settings", Map.of("payment_terms_channels", List.of("b2b-portal"))).status()).isEqualTo(200);
        ObjectNode body = order("c-portal");
        body.put("channel", "b2b-portal");
        body.put("payment_terms", "due_date");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        body.put("due_date", today.toString());
        String id = create(admin, body);
        assertThat(admin.get("/v1/orders/" + id).json().path("due_date").asText()).isEqualTo(today.toString());
        Resp confirmed = admin.post("/v1/orders/" + id + "/confirm", null);
        assertThat(confirmed.json().path("status").asText()).as(confirmed.toString()).isEqualTo("confirmed");
        eventually("the due-date deadline", () -> deadline(t, id) != null);

        Client finance = as(t, "finance-b2b", "finance");
        String pay = payment(admin, 4990, "GBP", "authorized");
        Resp linked = finance.post("/v1/orders/" + id + "/payments/link", Map.of("payment_id", pay, "amount", Map.of("amount", 4990, "currency", "GBP")));
        assertThat(linked.status()).as(linked.toString()).isIn(200, 201);
        Resp captured = finance.post("/v1/orders/" + id + "/payments/capture", Map.of("payment_id", pay));
        assertThat(captured.status()).as(captured.toString()).isEqualTo(200);
        JsonNode settled = admin.get("/v1/orders/" + id).json();
        assertThat(settled.path("balance_due").asLong()).isZero();
        assertThat(settled.path("payment_status").asText()).isEqualTo("paid");
        eventually("the settled order's deadline to go", () -> deadline(t, id) == null);

        var swept = Platform.get().cases().policyEngine.sweep(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(1), 100);
        assertThat(swept).noneSatisfy(s -> assertThat(s.orderId()).isEqualTo(id));
        assertThat(lastEvent(admin, id, "order.payment_overdue")).isNull();
    }

    @Test
    void termsNeedTheTenantsAllowanceOtherwiseAnAuthorizationAsUsual() {
        String t = newTenant();
        // another tenant allowing the same customer changes nothing here
        assertThat(as(newTenant(), "admin-x", "admin").patch("/v1/orders/settings", Map.of("payment_terms_customers", List.of("c-1"))).status())
                .isEqualTo(200);
        Client agent = as(t, "agent-b2b", "agent");
        ObjectNode body = order("c-1");
        body.put("payment_terms", "net_15");
        String refused = create(agent, body);
        Resp r = agent.post("/v1/orders/" + refused + "/confirm", null);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("order.blocked.payment_terms_not_allowed");
        assertThat(agent.get("/v1/orders/" + refused).json().path("status").asText()).isEqualTo("created");

        // with an authorized payment covering it, the order confirms as any other: the terms do not apply
        ObjectNode paid = paidOrder(agent, "c-1", "authorized");
        paid.put("payment_terms", "net_15");
        String covered = create(agent, paid);
        Resp ok = agent.post("/v1/orders/" + covered + "/confirm", null);
        assertThat(ok.json().path("status").asText()).as(ok.toString()).isEqualTo("confirmed");
        assertThat(ok.json().path("due_date").isNull()).isTrue();
        assertThat(lastEvent(agent, covered, "order.confirmed").path("data").has("payment_terms")).isFalse();
    }

    @Test
    void badTermsAndSettingsAreRefusedWithTheFieldNamed() {
        String t = newTenant();
        Client agent = as(t, "agent-b2b", "agent");
        ObjectNode unknown = order("c-1");
        unknown.put("payment_terms", "net_45");
        assertThat(agent.post("/v1/orders", unknown).code()).isEqualTo("request.invalid");

        ObjectNode dateWithoutTerms = order("c-1");
        dateWithoutTerms.put("payment_terms", "net_30");
        dateWithoutTerms.put("due_date", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString());
        assertField(agent.post("/v1/orders", dateWithoutTerms), "due_date", "field.not_allowed");

        ObjectNode termsWithoutDate = order("c-1");
        termsWithoutDate.put("payment_terms", "due_date");
        assertField(agent.post("/v1/orders", termsWithoutDate), "due_date", "field.required");

        ObjectNode past = order("c-1");
        past.put("payment_terms", "due_date");
        past.put("due_date", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        assertField(agent.post("/v1/orders", past), "due_date", "field.out_of_range");

        ObjectNode tooFar = order("c-1");
        tooFar.put("payment_terms", "due_date");
        tooFar.put("due_date", LocalDate.now(ZoneOffset.UTC).plusDays(400).toString());
        assertField(agent.post("/v1/orders", tooFar), "due_date", "field.out_of_range");

        Client admin = as(t, "admin-b2b", "admin");
        Resp notStrings = admin.patch("/v1/orders/settings", Map.of("payment_terms_channels", List.of(1, 2)));
        assertThat(notStrings.status()).isEqualTo(400);
        assertThat(notStrings.code()).isEqualTo("request.invalid");
        Resp twice = admin.patch("/v1/orders/settings", Map.of("payment_terms_customers", List.of("c-1", "c-1")));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(admin.get("/v1/orders/settings").json().path("version").asLong()).isEqualTo(1);
        // only admins change settings; null empties a list
        assertThat(agent.patch("/v1/orders/settings", Map.of("payment_terms_customers", List.of("c-1"))).status()).isEqualTo(403);
        assertThat(admin.patch("/v1/orders/settings", Map.of("payment_terms_customers", List.of("c-1"))).status()).isEqualTo(200);
        java.util.Map<String, Object> reset = new java.util.HashMap<>();
        reset.put("payment_terms_customers", null);
        Resp emptied = admin.patch("/v1/orders/settings", reset);
        assertThat(emptied.json().path("payment_terms_customers")).as(emptied.toString()).isEmpty();
        JsonNode change = admin.get("/v1/orders/settings/history").json().path("data").get(0).path("changes").get(0);
        assertThat(change.path("field").asText()).isEqualTo("payment_terms_customers");
        assertThat(change.path("from").get(0).asText()).isEqualTo("c-1");
    }

    private static void assertField(Resp r, String field, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(r.json().path("errors").get(0).path("code").asText()).isEqualTo(code);
    }

    private static JsonNode deadline(String tenant, String orderId) {
        return Platform.get().table.get(Keys.deadline(tenant, PaymentTermsDeadlines.KIND, orderId), Keys.SINGLE).orElse(null);
    }

    private static List<JsonNode> timeline(Client c, String orderId) {
        List<JsonNode> out = new java.util.ArrayList<>();
        c.get("/v1/orders/" + orderId + "/timeline?limit=200").json().path("data").forEach(out::add);
        return out;
    }

    private static JsonNode lastEvent(Client c, String orderId, String type) {
        JsonNode found = null;
        for (JsonNode e : timeline(c, orderId)) if (type.equals(e.path("type").asText())) found = e;
        return found;
    }
}
