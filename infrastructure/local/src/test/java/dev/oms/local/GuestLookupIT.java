package dev.oms.local;

import static dev.oms.local.TestSystem.anonymous;
import static dev.oms.local.TestSystem.as;
import static dev.oms.local.TestSystem.eventually;
import static dev.oms.local.TestSystem.newTenant;
import static dev.oms.local.TestSystem.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.local.TestSystem.Client;
import dev.oms.local.TestSystem.Resp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guest order lookup (docs/customer-care.md, "Guest lookup"): a code by email, exchanged once for a token that
 * reads that one order; hits, misses and wrong emails alike in answer and time; attempts throttled per order number
 * and per client.
 */
class GuestLookupIT {
    private static final Pattern CODE = Pattern.compile("is (\\d{6})\\.");

    /** An order of the customer whose addresses carry the email; answers {id, number}. */
    private static JsonNode orderWithEmail(Client agent, String customerId, String email) {
        ObjectNode body = order(customerId);
        ((ObjectNode) body.get("shipping_address")).put("email", email);
        Resp r = agent.post("/v1/orders", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static Resp lookup(String tenant, String email, long number) {
        Client c = tenant == null ? anonymous() : anonymous().header("X-Tenant-ID", tenant);
        return c.get("/v1/customer/orders/lookup?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&order_number=" + number);
    }

    private static Resp verify(String tenant, String email, long number, String code) {
        return anonymous().header("X-Tenant-ID", tenant).post("/v1/customer/orders/lookup/verify",
                Map.of("email", email, "order_number", number, "code", code));
    }

    private static List<JsonNode> emailsTo(String address) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : anonymous().get("/local/notifications").json().path("data")) {
            if (address.equals(n.path("destination").asText())) out.add(n);
        }
        return out;
    }

    /** The code of the newest email to the address, once it has arrived (count: how many emails that address has then). */
    private static String codeSentTo(String address, int count) {
        eventually("the verification email to " + address, () -> emailsTo(address).size() >= count);
        List<JsonNode> emails = emailsTo(address);
        String newest = emails.stream().max(java.util.Comparator.comparing(n -> n.path("time").asText())).orElseThrow().path("message").asText();
        Matcher m = CODE.matcher(newest);
        assertThat(m.find()).as(newest).isTrue();
        return m.group(1);
    }

    private static void settings(String tenant, Map<String, Object> limits) {
        Resp r = as(tenant, "admin-1", "admin").patch("/v1/orders/settings", Map.of("rate_limits", limits));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aMatchSendsACodeThatOpensThatOneOrderOnceForReadingOnly() {
        String tenant = newTenant();
        Client agent = as(tenant, "agent-1", "agent");
        String email = "guest-" + tenant + "@example.com";
        JsonNode mine = orderWithEmail(agent, "cus-g", email);
        JsonNode sibling = orderWithEmail(agent, "cus-g", email);
        long number = mine.path("number").asLong();

        Resp hit = lookup(tenant, email.toUpperCase(java.util.Locale.ROOT), number);
        assertThat(hit.status()).as(hit.toString()).isEqualTo(202);
        assertThat(hit.json().path("status").asText()).isEqualTo("verification_sent");
        String code = codeSentTo(email, 1);
        assertThat(emailsTo(email).getFirst().path("message").asText()).doesNotContain(mine.path("id").asText());

        String wrong = code.equals("000000") ? "111111" : "000000";
        Resp bad = verify(tenant, email, number, wrong);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.code()).isEqualTo("guest_lookup.verification_failed");

        Resp ok = verify(tenant, email, number, code);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("order_id").asText()).isEqualTo(mine.path("id").asText());
        assertThat(ok.json().path("expires_in").asLong()).isEqualTo(900);
        Resp again = verify(tenant, email, number, code);
        assertThat(again.status()).as("single use").isEqualTo(422);
        assertThat(again.json()).isEqualTo(bad.json());

        Client guest = TestSystem.withAuthorization("Bearer " + ok.json().path("access_token").asText());
        Resp read = guest.get("/v1/orders/" + mine.path("id").asText());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        // the same customer's other order, and the list: only the one order
        Resp other = guest.get("/v1/orders/" + sibling.path("id").asText());
        assertThat(other.status()).isEqualTo(404);
        Resp missing = guest.get("/v1/orders/ord_01JNOSUCHORDER0000000000000");
        assertThat(other.json().path("detail").asText().replace(sibling.path("id").asText(), "ID"))
                .isEqualTo(missing.json().path("detail").asText().replace("ord_01JNOSUCHORDER0000000000000", "ID"));
        assertThat(other.code()).isEqualTo(missing.code());
        Resp list = guest.get("/v1/orders");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("data").findValuesAsText("id")).containsExactly(mine.path("id").asText());
        // read only
        Resp write = guest.post("/v1/orders/" + mine.path("id").asText() + "/cancel", Map.of("reason", "guest"));
        assertThat(write.status()).as(write.toString()).isEqualTo(403);
        // another tenant's token space: the guest token is the tenant's only
        assertThat(guest.header("X-Tenant-ID", newTenant()).get("/v1/orders/" + mine.path("id").asText()).status()).isEqualTo(403);
    }

    @Test
    void aMissAndAWrongEmailAnswerExactlyLikeAHitAndSendNothing() {
        String tenant = newTenant();
        Client agent = as(tenant, "agent-1", "agent");
        String email = "owner-" + tenant + "@example.com";
        long number = orderWithEmail(agent, "cus-o", email).path("number").asLong();
        Resp hit = lookup(tenant, email, number);
        Resp wrongEmail = lookup(tenant, "someone-" + tenant + "@example.com", number);
        Resp noOrder = lookup(tenant, email, number + 100_000);
        assertThat(List.of(hit.status(), wrongEmail.status(), noOrder.status())).containsOnly(202);
        assertThat(wrongEmail.text()).isEqualTo(hit.text());
        assertThat(noOrder.text()).isEqualTo(hit.text());
        assertThat(wrongEmail.headers().keySet()).isEqualTo(hit.headers().keySet());
        codeSentTo(email, 1);
        assertThat(emailsTo("someone-" + tenant + "@example.com")).isEmpty();
        // a code of the right order with the wrong email, or of a miss, opens nothing
        String code = codeSentTo(email, 1);
        assertThat(verify(tenant, "someone-" + tenant + "@example.com", number, code).status()).isEqualTo(422);
        assertThat(verify(tenant, email, number + 100_000, code).status()).isEqualTo(422);
        // another tenant with the same number and email: nothing
        assertThat(verify(newTenant(), email, number, code).status()).isEqualTo(422);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsLookedUp() {
        String tenant = newTenant();
        assertThat(lookup(null, "a@example.com", 1001).status()).isEqualTo(400);
        Resp noEmail = anonymous().header("X-Tenant-ID", tenant).get("/v1/customer/orders/lookup?order_number=1001");
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.code()).isEqualTo("request.invalid");
        assertThat(anonymous().header("X-Tenant-ID", tenant).get("/v1/customer/orders/lookup?email=x%40y.z&order_number=abc").status()).isEqualTo(400);
        assertThat(anonymous().header("X-Tenant-ID", tenant).get("/v1/customer/orders/lookup?email=x%40y.z&order_number=1&order_id=ord_1").status()).isEqualTo(400);
        Resp badCode = verify(tenant, "a@example.com", 1001, "12ab56");
        assertThat(badCode.status()).isEqualTo(400);
        Resp extra = anonymous().header("X-Tenant-ID", tenant).post("/v1/customer/orders/lookup/verify",
                Map.of("email", "a@example.com", "order_number", 1001, "code", "123456", "order_id", "ord_1"));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.json().path("errors").toString()).contains("order_id", "field.unknown");
    }

    @Test
    void fiveWrongCodesEndACode() {
        String tenant = newTenant();
        Client agent = as(tenant, "agent-1", "agent");
        String email = "five-" + tenant + "@example.com";
        long number = orderWithEmail(agent, "cus-f", email).path("number").asLong();
        lookup(tenant, email, number);
        String code = codeSentTo(email, 1);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) assertThat(verify(tenant, email, number, wrong).status()).isEqualTo(422);
        assertThat(verify(tenant, email, number, code).status()).as("the right code after five wrong ones").isEqualTo(422);
    }

    @Test
    void attemptsAreThrottledPerOrderNumberAndPerClient() {
        String perOrder = newTenant();
        settings(perOrder, Map.of("guest_lookups_per_order", 2, "guest_lookups_per_client", 100));
        assertThat(lookup(perOrder, "a@example.com", 5001).status()).isEqualTo(202);
        assertThat(lookup(perOrder, "b@example.com", 5001).status()).isEqualTo(202);
        Resp third = lookup(perOrder, "c@example.com", 5001);
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        assertThat(third.code()).isEqualTo("rate_limit.exceeded");
        assertThat(third.json().path("quota").asText()).isEqualTo("guest_order");
        assertThat(Long.parseLong(third.header("retry-after"))).isBetween(1L, 900L);
        assertThat(verify(perOrder, "a@example.com", 5001, "123456").status()).as("code checks count too").isEqualTo(429);
        assertThat(lookup(perOrder, "a@example.com", 5002).status()).as("another order number").isEqualTo(202);

        String perClient = newTenant();
        settings(perClient, Map.of("guest_lookups_per_order", 100, "guest_lookups_per_client", 3));
        for (int i = 0; i < 3; i++) assertThat(lookup(perClient, "a@example.com", 7000 + i).status()).isEqualTo(202);
        Resp fourth = lookup(perClient, "a@example.com", 7100);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().path("quota").asText()).isEqualTo("guest_client");
    }

    /** 200 tries each of a hit, a wrong email and an unknown order number, interleaved: their p95 times within 20 ms. */
    @Test
    void hitsMissesAndWrongEmailsTakeTheSameTime() {
        String tenant = newTenant();
        settings(tenant, Map.of("guest_lookups_per_order", 10_000, "guest_lookups_per_client", 10_000));
        Client agent = as(tenant, "agent-1", "agent");
        String email = "timing-" + tenant + "@example.com";
        long number = orderWithEmail(agent, "cus-t", email).path("number").asLong();
        List<Long> hits = new ArrayList<>(), wrong = new ArrayList<>(), misses = new ArrayList<>();
        for (int i = 0; i < 5; i++) lookup(tenant, "warm-" + i + "@example.com", number + 1000 + i); // warm-up
        for (int i = 0; i < 200; i++) {
            hits.add(timed(() -> lookup(tenant, email, number)));
            wrong.add(timed(() -> lookup(tenant, "other-" + tenant + "@example.com", number)));
            misses.add(timed(() -> lookup(tenant, email, number + 500_000)));
        }
        long pHit = p95(hits), pWrong = p95(wrong), pMiss = p95(misses);
        assertThat(Math.abs(pHit - pWrong)).as("p95 hit %d ms, wrong email %d ms", pHit, pWrong).isLessThan(20);
        assertThat(Math.abs(pHit - pMiss)).as("p95 hit %d ms, miss %d ms", pHit, pMiss).isLessThan(20);
        assertThat(Collections.min(hits)).as("the floor").isGreaterThanOrEqualTo(250);
    }

    private static long timed(java.util.function.Supplier<Resp> call) {
        long t = System.nanoTime();
        Resp r = call.get();
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return ms;
    }

    private static long p95(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }
}
