package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderLinesIT {
    static Client agent;

    @BeforeAll
    static void setUp() { agent = as(newTenant(), "agent-lines", "agent"); }

    @Test
    void addsUpdatesAndRemovesLinesRecomputingTotals() {
        String id = create(agent, order("c1"));
        ObjectNode line = item("SKU-2", 1, 1000, "GBP");
        line.put("client_line_id", "cart-line-7");
        line.set("tax", money(200, "GBP"));
        Resp added = agent.post("/v1/orders/" + id + "/lines", line);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String lineId = added.json().path("lines").get(0).path("id").asText();
        assertThat(added.json().path("order").path("total").asLong()).isEqualTo(4990 + 1000 + 200);
        assertThat(added.json().path("order").path("version").asLong()).isEqualTo(2);

        Resp again = agent.post("/v1/orders/" + id + "/lines", line);
        assertThat(again.json().path("lines").get(0).path("id").asText()).isEqualTo(lineId);
        assertThat(again.json().path("order").path("lines")).hasSize(2);
        assertThat(again.json().path("order").path("version").asLong()).isEqualTo(2);

        Resp updated = agent.patch("/v1/orders/" + id + "/lines/" + lineId, Map.of("quantity", 3));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode l = updated.json().path("lines").get(0);
        assertThat(l.path("quantity").asLong()).isEqualTo(3);
        assertThat(l.path("tax").asLong()).isEqualTo(600); // explicit tax scales with the quantity
        assertThat(updated.json().path("order").path("total").asLong()).isEqualTo(4990 + 3000 + 600);

        Resp removed = agent.delete("/v1/orders/" + id + "/lines/" + lineId);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("total").asLong()).isEqualTo(4990);
        String last = removed.json().path("lines").get(0).path("id").asText();
        Resp lastLine = agent.delete("/v1/orders/" + id + "/lines/" + last);
        assertThat(lastLine.status()).isEqualTo(409);
        assertThat(lastLine.code()).isEqualTo("order.last_line");
        assertThat(agent.delete("/v1/orders/" + id + "/lines/line_nope").code()).isEqualTo("order.line_not_found");
        assertThat(agent.post("/v1/orders/" + id + "/lines", item("SKU-X", 1, 10, "USD")).code()).isEqualTo("request.invalid");
    }

    @Test
    void splitsALineIntoPartsThatSumToTheOriginal() {
        ObjectNode body = order("c2");
        ObjectNode only = (ObjectNode) body.path("items").get(0);
        only.put("quantity", 5);
        only.set("discount", money(101, "GBP"));
        only.set("tax", money(999, "GBP"));
        String id = create(agent, body);
        JsonNode before = agent.get("/v1/orders/" + id).json();
        String lineId = before.path("lines").get(0).path("id").asText();

        Resp bad = agent.post("/v1/orders/" + id + "/lines/" + lineId + "/split", Map.of("quantities", List.of(2, 2)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(CodesOf.codes(bad)).contains("split.quantity_mismatch");
        assertThat(agent.post("/v1/orders/" + id + "/lines/" + lineId + "/split", Map.of("quantities", List.of(5))).status()).isEqualTo(400);

        Resp split = agent.post("/v1/orders/" + id + "/lines/" + lineId + "/split", Map.of("quantities", List.of(2, 3)));
        assertThat(split.status()).as(split.toString()).isEqualTo(200);
        JsonNode parts = split.json().path("lines");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("id").asText()).isEqualTo(lineId);
        assertThat(parts.get(0).path("quantity").asLong() + parts.get(1).path("quantity").asLong()).isEqualTo(5);
        assertThat(parts.get(0).path("discount").path("amount").asLong() + parts.get(1).path("discount").path("amount").asLong()).isEqualTo(101);
        assertThat(parts.get(0).path("tax").asLong() + parts.get(1).path("tax").asLong()).isEqualTo(999);
        assertThat(split.json().path("order").path("total").asLong()).isEqualTo(before.path("total").asLong());
    }

    @Test
    void bulkEditIsAllOrNothing() {
        String id = create(agent, order("c3"));
        String lineId = agent.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        ObjectNode req = Json.object();
        ArrayNode lines = req.putArray("lines");
        lines.addObject().put("line_id", lineId).put("quantity", 4);
        lines.add(item("SKU-NEW", 1, 500, "GBP"));
        ObjectNode broken = item("SKU-BAD", 0, 500, "GBP");
        lines.add(broken);
        Resp refused = agent.post("/v1/orders/" + id + "/lines/bulk", req);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).contains("lines[2].quantity");
        assertThat(agent.get("/v1/orders/" + id).json().path("version").asLong()).isEqualTo(1);

        lines.remove(2);
        Resp ok = agent.post("/v1/orders/" + id + "/lines/bulk", req);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("lines")).hasSize(2);
        assertThat(ok.json().path("total").asLong()).isEqualTo(2495 * 4 + 500);

        ObjectNode tooMany = Json.object();
        ArrayNode many = tooMany.putArray("lines");
        for (int i = 0; i < 51; i++) many.add(item("SKU-" + i, 1, 1, "GBP"));
        assertThat(CodesOf.codes(agent.post("/v1/orders/" + id + "/lines/bulk", tooMany))).contains("field.too_many");

        ObjectNode unknownLine = Json.object();
        unknownLine.putArray("lines").addObject().put("line_id", "line_missing").put("quantity", 1);
        assertThat(agent.post("/v1/orders/" + id + "/lines/bulk", unknownLine).code()).isEqualTo("order.line_not_found");
    }

    @Test
    void linesCannotChangeAfterConfirmation() {
        String id = create(agent, paidOrder(agent, "c4", "authorized"));
        assertThat(agent.post("/v1/orders/" + id + "/confirm", null).json().path("status").asText()).isEqualTo("confirmed");
        Resp r = agent.post("/v1/orders/" + id + "/lines", item("SKU-LATE", 1, 100, "GBP"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("order.lines_not_editable");
    }

    static final class CodesOf {
        static java.util.Set<String> codes(Resp r) { return new java.util.HashSet<>(r.json().path("errors").findValuesAsText("code")); }
    }
}
