package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 "Search and view": {@code POST /v1/admin/orders/search}, the seed-000 DSL plus the admin-only fraud fields
 * (docs/search.md#admin-search); the canonical route refuses them; tenants and roles.
 */
class AdminSearchIT {

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("data").forEach(h -> out.add(h.path("id").asText()));
        return out;
    }

    static Object json(String s) {
        try {
            return Json.parse(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void fraudScoresAndRulesAreSearchedAndShownOnTheAdminSurfaceOnly() {
        runtime().search().awaitReady();
        String t = newTenant();
        Client sup = as(t, "sup-as", "supervisor");
        Client analyst = as(t, "analyst-as", "fraud_analyst");
        String risky = create(sup, paidOrder(sup, "fraud_as1", "authorized"));
        assertThat(sup.post("/v1/orders/" + risky + "/confirm", null).json().path("status").asText()).isEqualTo("on_hold");
        String clean = create(sup, paidOrder(sup, "as2", "authorized"));
        assertThat(sup.post("/v1/orders/" + clean + "/confirm", null).status()).isEqualTo(200);
        String unscreened = create(sup, order("as3"));
        assertThat(sup.post("/v1/orders/" + unscreened + "/notes", Map.of("text", "customer asked for a blue box", "type", "internal")).status()).isEqualTo(201);

        eventually("the three orders indexed with their screening", () -> {
            Resp r = analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_score\": {\"gte\": 70}}}"));
            return r.status() == 200 && ids(r.json()).equals(List.of(risky))
                    && analyst.post("/v1/admin/orders/search", Json.object()).json().path("total").asLong() == 3;
        });
        JsonNode high = analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_score\": {\"gte\": 70}}}")).json();
        JsonNode hit = high.path("data").get(0);
        assertThat(hit.path("fraud_score").asInt()).isEqualTo(100);
        assertThat(hit.path("fraud_rules").toString()).contains("customer on the block list");
        String rule = hit.path("fraud_rules").get(0).asText();
        assertThat(ids(analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_rule\": {\"eq\": " + Json.write(Json.valueToTree(rule)) + "}}}")).json()))
                .containsExactly(risky);
        // never screened: no score, not matched by a score range, null on the hit
        JsonNode low = analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_score\": {\"lt\": 70}}}")).json();
        assertThat(ids(low)).containsExactly(clean);
        JsonNode byNote = analyst.post("/v1/admin/orders/search", json("{\"q\": \"blue box\"}")).json();
        assertThat(ids(byNote)).containsExactly(unscreened);
        assertThat(byNote.path("data").get(0).path("fraud_score").isNull()).isTrue();
        assertThat(byNote.path("data").get(0).path("fraud_rules")).isEmpty();

        // the canonical route does not take or show them
        Resp canonical = sup.post("/v1/orders/search", json("{\"filters\": {\"fraud_score\": {\"gte\": 70}}}"));
        assertThat(canonical.status()).isEqualTo(400);
        assertThat(canonical.json().toString()).contains("field.unknown");
        assertThat(sup.post("/v1/orders/search", Json.object()).json().path("data").get(0).has("fraud_score")).isFalse();
        // the DSL's own rules hold
        assertThat(analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_score\": {\"gte\": 80, \"lt\": 20}}}")).status()).isEqualTo(400);
        assertThat(analyst.post("/v1/admin/orders/search", json("{\"filters\": {\"fraud_rule\": {\"gte\": 1}}}")).status()).isEqualTo(400);
        assertThat(analyst.post("/v1/admin/orders/search?sort=1", Json.object()).status()).isEqualTo(400);
    }

    @Test
    void tenantsAndRolesAreRespected() {
        runtime().search().awaitReady();
        String t = newTenant();
        Client sup = as(t, "sup-as2", "supervisor");
        String mine = create(sup, order("as4"));
        create(sup, order("as5"));
        eventually("indexed", () -> sup.post("/v1/admin/orders/search", Json.object()).json().path("total").asLong() == 2);
        assertThat(ids(as(newTenant(), "sup-x", "supervisor").post("/v1/admin/orders/search", Json.object()).json())).doesNotContain(mine);
        assertThat(customer(t, "as4").post("/v1/admin/orders/search", Json.object()).status()).isEqualTo(403);
        assertThat(as(t, "picker-as", "picker").post("/v1/admin/orders/search", Json.object()).code()).isEqualTo("auth.forbidden");
        // a cursor of one route is not taken by the other
        Resp page = sup.post("/v1/admin/orders/search?limit=1", Json.object());
        String cursor = page.json().path("next_cursor").asText(null);
        assertThat(cursor).isNotNull();
        assertThat(sup.post("/v1/orders/search?cursor=" + cursor, Json.object()).code()).isEqualTo("request.invalid_cursor");
    }
}
