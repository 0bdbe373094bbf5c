package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/orders/summary}, {@code /metrics} and {@code /metrics/fulfillment}: the counters the stream keeps
 * follow orders created, cancelled, shipped (picked and packed first) and returned, per channel and currency.
 */
class OrderMetricsIT {
    static String tenant;
    static Client agent;
    static Client supervisor;
    static long eurTotal;
    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-m", "agent");
        supervisor = as(tenant, "sup-m", "supervisor");
        Client wh = as(tenant, "wh-m", "warehouse_supervisor");

        String shipped = create(agent, paidOrder(agent, "cm1", "captured"));
        Resp confirmed = agent.post("/v1/orders/" + shipped + "/confirm", null);
        String lineId = confirmed.json().path("lines").get(0).path("id").asText();
        Resp f = wh.post("/v1/orders/" + shipped + "/fulfillments", Map.of("warehouse_id", "wh_m1",
                "lines", List.of(Map.of("line_id", lineId, "quantity", 2))));
        String fid = f.json().path("id").asText();
        assertThat(wh.patch("/v1/orders/" + shipped + "/fulfillments/" + fid, Map.of("status", "picking")).status()).isEqualTo(200);
        assertThat(wh.patch("/v1/orders/" + shipped + "/fulfillments/" + fid, Map.of("status", "packed")).status()).isEqualTo(200);
        assertThat(wh.post("/v1/orders/" + shipped + "/fulfillments/" + fid + "/ship", Map.of()).status()).isIn(200, 201);
        Resp ret = agent.post("/v1/orders/" + shipped + "/returns", ReturnsKit.returnBody(lineId, 1, "dropoff", "refund_to_card"));
        assertThat(ret.status()).as(ret.toString()).isEqualTo(201);

        String cancelled = create(agent, order("cm2"));
        assertThat(agent.post("/v1/orders/" + cancelled + "/cancel", Map.of("reason", "Changed my mind")).status()).isIn(200, 202);

        ObjectNode eur = order("cm3");
        eur.put("currency", "EUR").put("channel", "pos");
        eur.putArray("items").add(item("SKU-2", 1, 1001, "EUR"));
        eurTotal = agent.post("/v1/orders", eur).json().path("total").asLong();
    }

    private static JsonNode summary(Client c, String query) {
        Resp r = c.get("/v1/orders/summary?from=" + TODAY + "&to=" + TODAY + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theSummaryCountsOrdersRevenueAndAverageValuePerCurrencyAndChannel() {
        eventually("three orders counted", () -> summary(agent, "").path("orders_count").asLong() == 3);
        JsonNode all = summary(agent, "");
        assertThat(all.path("channel").isNull()).isTrue();
        JsonNode eur = all.path("currencies").get(0);
        JsonNode gbp = all.path("currencies").get(1);
        assertThat(eur.path("currency").asText()).isEqualTo("EUR");
        assertThat(eur.path("orders_count").asLong()).isEqualTo(1);
        assertThat(eurTotal).isPositive();
        assertThat(eur.path("revenue").path("amount").asLong()).isEqualTo(eurTotal);
        assertThat(gbp.path("orders_count").asLong()).isEqualTo(2);
        assertThat(gbp.path("revenue").path("amount").asLong()).isEqualTo(9980);
        assertThat(gbp.path("avg_order_value").path("amount").asLong()).isEqualTo(4990);

        JsonNode pos = summary(agent, "&channel=pos");
        assertThat(pos.path("orders_count").asLong()).isEqualTo(1);
        assertThat(pos.path("currencies")).hasSize(1);
        assertThat(summary(agent, "&channel=web-uk").path("orders_count").asLong()).isEqualTo(2);
        JsonNode yesterday = agent.get("/v1/orders/summary?to=" + LocalDate.parse(TODAY).minusDays(1)).json();
        assertThat(yesterday.path("orders_count").asLong()).isZero();
        assertThat(yesterday.path("from").asText()).isEqualTo(LocalDate.parse(TODAY).minusDays(30).toString());
    }

    @Test
    void metricsGiveDaysRatesAndLeadTimes() {
        eventually("the shipment, cancellation and return counted", () -> {
            JsonNode t = supervisor.get("/v1/orders/metrics?from=" + TODAY).json().path("totals");
            return t.path("shipments_count").asLong() == 1 && t.path("cancelled_count").asLong() == 1 && t.path("returns_count").asLong() == 1;
        });
        Resp r = supervisor.get("/v1/orders/metrics?from=" + TODAY + "&to=" + TODAY);
        JsonNode totals = r.json().path("totals");
        assertThat(totals.path("orders_count").asLong()).isEqualTo(3);
        assertThat(totals.path("cancellation_rate_bps").asLong()).isEqualTo(3333);
        assertThat(totals.path("return_rate_bps").asLong()).isEqualTo(3333);
        assertThat(totals.path("lead_time").path("count").asLong()).isEqualTo(1);
        assertThat(totals.path("lead_time").path("p50_seconds").asLong()).isEqualTo(300);
        assertThat(totals.path("lead_time").path("p90_seconds").asLong()).isEqualTo(300);
        assertThat(totals.path("lead_time").path("average_seconds").asLong()).isBetween(0L, 300L);
        assertThat(totals.path("time_to_ship").path("count").asLong()).isEqualTo(1);
        JsonNode day = r.json().path("days").get(0);
        assertThat(day.path("date").asText()).isEqualTo(TODAY);
        assertThat(day.path("orders_count").asLong()).isEqualTo(3);
        assertThat(day.path("revenue")).hasSize(2);

        JsonNode pos = supervisor.get("/v1/orders/metrics?channel=pos").json().path("totals");
        assertThat(pos.path("orders_count").asLong()).isEqualTo(1);
        assertThat(pos.path("shipments_count").asLong()).isZero();
        assertThat(pos.path("lead_time").path("p50_seconds").isNull()).isTrue();
    }

    @Test
    void fulfilmentMetricsGivePickPackAndShipPerWarehouse() {
        eventually("the pick, pack and ship counted", () -> {
            JsonNode w = supervisor.get("/v1/orders/metrics/fulfillment").json().path("warehouses");
            return w.size() == 1 && w.get(0).path("ship").path("count").asLong() == 1;
        });
        JsonNode w = supervisor.get("/v1/orders/metrics/fulfillment?warehouse_id=wh_m1").json().path("warehouses").get(0);
        assertThat(w.path("warehouse_id").asText()).isEqualTo("wh_m1");
        assertThat(w.path("pick").path("count").asLong()).isEqualTo(1);
        assertThat(w.path("pack").path("count").asLong()).isEqualTo(1);
        assertThat(w.path("pack").path("p50_seconds").asLong()).isEqualTo(300);
        assertThat(supervisor.get("/v1/orders/metrics/fulfillment?warehouse_id=wh_other").json().path("warehouses")).isEmpty();
    }

    @Test
    void otherTenantsSeeNothingAndRolesAreEnforced() {
        eventually("three orders counted", () -> summary(agent, "").path("orders_count").asLong() == 3);
        Client other = as(newTenant(), "sup-x", "supervisor");
        assertThat(summary(other, "").path("orders_count").asLong()).isZero();
        assertThat(other.get("/v1/orders/metrics").json().path("totals").path("orders_count").asLong()).isZero();
        assertThat(other.get("/v1/orders/metrics/fulfillment").json().path("warehouses")).isEmpty();

        assertThat(customer(tenant, "cm1").get("/v1/orders/summary").code()).isEqualTo("auth.forbidden");
        assertThat(agent.get("/v1/orders/metrics").code()).isEqualTo("auth.forbidden");
        assertThat(agent.get("/v1/orders/metrics/fulfillment").status()).isEqualTo(403);
        assertThat(as(tenant, "fin", "finance").get("/v1/orders/metrics").status()).isEqualTo(200);
        assertThat(anonymous().get("/v1/orders/summary").status()).isEqualTo(401);
    }

    @Test
    void badRangesAndParametersAre400() {
        assertThat(agent.get("/v1/orders/summary?from=yesterday").status()).isEqualTo(400);
        Resp inverted = supervisor.get("/v1/orders/metrics?from=2026-12-04&to=2026-12-01");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.text()).contains("range.inverted");
        Resp tooLong = supervisor.get("/v1/orders/metrics?from=2024-01-01&to=2026-01-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text()).contains("range.too_long");
        assertThat(agent.get("/v1/orders/summary?region=eu").code()).isEqualTo("request.invalid");
        assertThat(supervisor.get("/v1/orders/metrics/fulfillment?warehouse=wh_1").status()).isEqualTo(400);
    }
}
