package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.dynamo.CapacityMeter;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.Route;
import dev.oms.platform.template.SamTemplate;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The template, the routes in code, the gateway's 404/405, health, demo data and what a request costs. */
class PlatformIT {

    static SamTemplate template() throws Exception {
        try (Reader r = Files.newBufferedReader(Path.of(System.getProperty("oms.template", "../../template.yaml")))) {
            return SamTemplate.read(r);
        }
    }

    @Test
    void everyTemplateRouteIsServedByItsHandlerAndNoHandlerRouteIsMissingFromTheTemplate() throws Exception {
        runtime();
        SamTemplate t = template();
        for (SamTemplate.Function f : t.functions()) {
            Object handler = Class.forName(f.handler().split("::")[0]).getDeclaredConstructor().newInstance();
            if (!(handler instanceof ApiHandler api)) continue;
            Set<String> inTemplate = new TreeSet<>();
            t.httpRoutes().stream().filter(r -> r.function().equals(f.logicalId())).forEach(r -> inTemplate.add(r.key()));
            Set<String> inCode = new TreeSet<>();
            for (Route r : api.routes().all()) inCode.add(r.key());
            assertThat(inCode).as(f.logicalId()).isEqualTo(inTemplate);
        }
        List<String> keys = new ArrayList<>();
        t.httpRoutes().forEach(r -> keys.add(r.key()));
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }

    @Test
    void theReadmePermissionTableIsTheCodesTable() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("oms.readme", "../../README.md")));
        for (String role : dev.oms.app.security.RolePermissions.ROLES) {
            var granted = dev.oms.app.security.RolePermissions.TABLE.get(role);
            String perms = granted.isEmpty() ? "(none on the orders API yet)"
                    : String.join(", ", granted.stream().map(dev.oms.app.security.Permission::wire).toList());
            assertThat(readme).as("README row for " + role).contains("| `" + role + "` | " + perms + " |");
        }
    }

    @Test
    void unknownRoutesAndWrongMethodsGetProblemJson() {
        Client agent = as(newTenant(), "a", "agent");
        Resp notFound = agent.get("/v2/whatever");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo("route.not_found");
        Resp wrongMethod = agent.send("PUT", "/v1/orders/ord_1", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("route.method_not_allowed");
        assertThat(wrongMethod.header("allow")).isEqualTo("DELETE, GET, PATCH");
        assertThat(anonymous().get("/nothing/here").code()).isEqualTo("route.not_found");
    }

    @Test
    void healthAnswersWithoutATokenAndShowsDetailsToOperators() {
        Resp open = anonymous().get("/v1/orders/health");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().path("status").asText()).isEqualTo("ok");
        assertThat(open.json().has("checks")).isFalse();
        Resp detailed = as(newTenant(), "ops", "admin").get("/v1/orders/health");
        assertThat(detailed.json().path("checks").path("dynamodb").path("status").asText()).isEqualTo("ok");
        assertThat(as(newTenant(), "agent", "agent").get("/v1/orders/health").json().has("checks")).isFalse();
    }

    @Test
    void theDemoTenantHasOrdersInVariedStates() {
        Client demo = as("demo", "it-admin", "admin");
        Set<String> statuses = new HashSet<>();
        demo.get("/v1/orders?limit=200").json().path("data").forEach(o -> statuses.add(o.path("status").asText()));
        assertThat(statuses).contains("created", "pending", "confirmed", "on_hold", "completed");
        Set<String> currencies = new HashSet<>(demo.get("/v1/orders?limit=200").json().path("data").findValuesAsText("currency"));
        assertThat(currencies).contains("GBP", "USD", "EUR", "JPY", "KWD");
    }

    @Test
    void readingAnOrderWithItsLinesIsOneDynamoDbRequestAndACommandIsOneTransaction() {
        Client agent = as(newTenant(), "cost", "agent");
        com.fasterxml.jackson.databind.node.ObjectNode body = order("c1");
        body.withArray("items").add(item("SKU-2", 1, 100, "GBP"));
        body.withArray("items").add(item("SKU-3", 1, 100, "GBP"));
        String id = create(agent, body);
        CapacityMeter.enable();
        CapacityMeter.reset();
        assertThat(agent.get("/v1/orders/" + id).status()).isEqualTo(200);
        assertThat(CapacityMeter.requests()).isEqualTo(1);
        assertThat(CapacityMeter.units()).isGreaterThan(0);
        CapacityMeter.reset();
        assertThat(agent.patch("/v1/orders/" + id, Map.of("metadata", Map.of("a", "b"))).status()).isEqualTo(200);
        assertThat(CapacityMeter.requests()).as("read + one transaction").isEqualTo(2);
        CapacityMeter.reset();
        JsonNode list = agent.get("/v1/orders?limit=10").json();
        assertThat(list.path("data")).hasSize(1);
        assertThat(CapacityMeter.requests()).isEqualTo(1);
    }
}
