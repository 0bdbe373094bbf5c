package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.platform.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep over every route with hostile input: every answer is a 4xx problem+json, never a 5xx. */
class MalformedRequestsIT {
    /** The search routes are part of the sweep: the runtime's OpenSearch node must be up (it boots in the background). */
    @org.junit.jupiter.api.BeforeAll
    static void searchNodeReady() { TestSystem.runtime().search().awaitReady(); }

    static final List<String> BODIES = List.of(
            "{", "[]", "\"text\"", "null", "123", "{\"items\": \"many\"}", "{\"quantity\": 1e309}",
            "{\"quantity\": 99999999999999999999999}", "{\"metadata\": {\"k\": {\"deep\": [1,2,{\"x\":null}]}}}",
            "{\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unit_price\":{\"amount\":9223372036854775807,\"currency\":\"GBP\"}}],\"currency\":\"GBP\",\"customer_id\":\"c\"}",
            "{\"reason\": \"" + "r".repeat(10_000) + "\"}", "{\"version\": \"7\"}", "{\"ttl_seconds\": -5}",
            "{\"quantities\": [1, \"2\"]}", "{\"lines\": [{\"line_id\": 5}]}", "{\"hold_id\": []}", "\u0000\u0001");
    static final List<String> IDS = List.of("ord_missing", "%00", "x".repeat(300));

    @Test
    void noRouteAnswersA5xxToBadInput() throws Exception {
        String tenant = newTenant();
        Client admin = as(tenant, "fuzz-admin", "admin");
        String realOrder = create(admin, order("fuzz"));
        List<String> failures = new ArrayList<>();
        for (SamTemplate.HttpRoute route : PlatformIT.operations()) {
            if (route.path().equals("$default")) continue;
            List<String> paths = new ArrayList<>();
            for (String id : IDS) paths.add(fill(route.path(), id));
            paths.add(fill(route.path(), realOrder));
            for (String path : paths) {
                List<String> bodies = route.method().equals("GET") ? List.of("") : path.contains(realOrder) ? BODIES : BODIES.subList(0, 3);
                for (String body : bodies) check(admin, route, path, body, failures);
                check(admin, route, path + "?limit=abc&cursor=%25%25zz&expand=nope&from=x&hard=maybe&min_total=-1&ord_%E2%9C%93", "", failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(Client client, SamTemplate.HttpRoute route, String path, String body, List<String> failures) {
        Resp r = client.send(route.method(), path, body.isEmpty() ? null : body);
        boolean problem = r.status() < 300 || "application/problem+json".equals(r.header("content-type"));
        if (r.status() >= 500 || !problem) failures.add(route.key() + " " + path + " <" + abbreviate(body) + "> -> " + abbreviate(r.toString()));
    }

    private static String fill(String template, String id) { return template.replaceAll("\\{[^}]+}", id); }

    private static String abbreviate(String s) { return s.length() > 160 ? s.substring(0, 160) + "..." : s; }
}
