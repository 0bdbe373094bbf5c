package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.json.Json;
import dev.oms.platform.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI contract against the system: it declares exactly the template's routes, every route refuses what it
 * does not declare, the runtime serves it at /openapi.json and /docs (checked in headless Chromium), and customers
 * cannot set prices. (Every answer of every end-to-end test is also checked against it: {@link ContractResponses}.)
 */
class ContractIT {
    /** The search routes are part of the sweeps: the runtime's OpenSearch node must be up (it boots in the background). */
    @org.junit.jupiter.api.BeforeAll
    static void searchNodeReady() { TestSystem.runtime().search().awaitReady(); }


    static Set<String> contractRoutes() {
        Set<String> keys = new TreeSet<>();
        ContractResponses.SPEC.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "post", "patch", "put", "delete").contains(m)) keys.add(m.toUpperCase() + " " + p.getKey());
        }));
        return keys;
    }

    /** The operations the handlers serve, each with its function (PlatformIT proves API Gateway routes them there). */
    static List<SamTemplate.HttpRoute> handlerRoutes() throws Exception {
        List<SamTemplate.HttpRoute> routes = new ArrayList<>();
        for (SamTemplate.Function f : PlatformIT.template().functions()) {
            Object handler = Class.forName(f.handler().split("::")[0]).getDeclaredConstructor().newInstance();
            if (!(handler instanceof dev.oms.platform.http.ApiHandler api)) continue;
            for (dev.oms.platform.http.Route r : api.routes().all()) {
                if (r.path().startsWith("/")) routes.add(new SamTemplate.HttpRoute(f.logicalId(), r.method(), r.path()));
            }
        }
        return routes;
    }

    @Test
    void theContractDeclaresExactlyTheHandlersRoutes() throws Exception {
        TestSystem.runtime();
        Set<String> inCode = new TreeSet<>();
        handlerRoutes().forEach(r -> inCode.add(r.key()));
        assertThat(contractRoutes()).isEqualTo(inCode);
    }

    @Test
    void everyOperationHasAnIdASummaryATagAndItsErrors() {
        ContractResponses.SPEC.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!Set.of("get", "post", "patch", "put", "delete").contains(m.getKey())) return;
            JsonNode op = m.getValue();
            String where = m.getKey().toUpperCase() + " " + p.getKey();
            assertThat(op.path("operationId").asText()).as(where).isNotEmpty();
            assertThat(op.path("summary").asText()).as(where).isNotEmpty();
            assertThat(op.path("tags").size()).as(where).isEqualTo(1);
            assertThat(op.path("responses").has("400")).as(where).isTrue();
            assertThat(op.path("responses").has("500")).as(where).isTrue();
            boolean success = false;
            for (var it = op.path("responses").fieldNames(); it.hasNext(); ) success |= it.next().startsWith("2");
            assertThat(success).as(where + " declares its success").isTrue();
        }));
    }

    @Test
    void everyRouteRefusesAnUnknownQueryParameterNamingIt() throws Exception {
        Client admin = AdminKit.stepUp(AdminKit.signIn(newTenant(), "contract-admin", "admin"));
        for (SamTemplate.HttpRoute r : PlatformIT.operations()) {
            String path = r.path().replaceAll("\\{[^}]+}", "x_1");
            // admin routes that need a reason are given one (the reason check comes before the contract's)
            Object body = AdminKit.REASON_ROUTES.get().contains(r.key()) ? Json.object().put("reason", "contract sweep") : null;
            Resp resp = admin.send(r.method(), path + "?zz_misspelled=1", body);
            if (r.path().startsWith("/v1/orders/webhook/") || r.path().equals("/v1/fulfillment/webhook/carrier")) {
                // signed inbound messages: an unsigned one is 401 before anything else is looked at
                assertThat(resp.status()).as(r.key() + " " + resp).isEqualTo(401);
                continue;
            }
            assertThat(resp.status()).as(r.key() + " " + resp).isEqualTo(400);
            assertThat(resp.code()).as(r.key()).isEqualTo("request.invalid");
            assertThat(resp.json().path("errors").get(0).path("field").asText()).as(r.key()).isEqualTo("zz_misspelled");
            assertThat(resp.json().path("errors").get(0).path("code").asText()).as(r.key()).isEqualTo("field.unknown");
        }
    }

    @Test
    void misspelledFiltersAreNeverSilentlyIgnored() {
        Client admin = as(newTenant(), "contract-admin", "admin");
        Resp audit = admin.get("/v1/orders/audit?actor_id=agent-1");
        assertThat(audit.status()).isEqualTo(400);
        assertThat(audit.json().path("errors").get(0).path("field").asText()).isEqualTo("actor_id");
        Resp list = admin.get("/v1/orders?statuss=confirmed");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.json().path("errors").get(0).path("code").asText()).isEqualTo("field.unknown");
    }

    @Test
    void queryValuesAreCheckedFromTheContract() {
        Client admin = as(newTenant(), "contract-admin", "admin");
        Resp repeated = admin.get("/v1/orders?limit=5&limit=6");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().path("errors").get(0).path("code").asText()).isEqualTo("field.repeated");
        Resp tooBig = admin.get("/v1/orders?limit=201");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("errors").get(0).path("code").asText()).isEqualTo("field.out_of_range");
        Resp badEnum = admin.get("/v1/orders?status=shipped_to_mars");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().path("errors").get(0).path("field").asText()).isEqualTo("status");
        Resp badTime = admin.get("/v1/orders/audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(admin.get("/v1/orders?limit=5").status()).isEqualTo(200);
    }

    @Test
    void unknownBodyFieldsAreRefusedFromTheContractWithTheirPath() {
        Client agent = as(newTenant(), "contract-agent", "agent");
        var body = order("c1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.withArray("items").get(0)).put("colour", "red");
        body.put("priority", "high");
        Resp r = agent.post("/v1/orders", body);
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = r.json().path("errors").findValuesAsText("field");
        assertThat(fields).contains("items[0].colour", "priority");
        assertThat(r.json().path("errors").findValuesAsText("code")).containsOnly("field.unknown");
    }

    @Test
    void customersCannotCreateCanonicalOrdersAtAnyPrice() {
        String tenant = newTenant();
        Client customer = customer(tenant, "cust_cheap");
        var body = order("cust_cheap");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.withArray("items").get(0)).set("unit_price", money(1, "GBP"));
        Resp r = customer.post("/v1/orders", body);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "a", "agent").get("/v1/orders?customer_id=cust_cheap").json().path("data").size()).isZero();
        assertThat(customer.post("/v1/orders/" + "ord_x" + "/lines", Json.object().put("sku", "S").put("quantity", 1)).status())
                .as("no line changes either").isIn(403, 404);
    }

    @Test
    void theRuntimeServesTheContractAndItsReference() {
        runtime();
        Resp spec = anonymous().get("/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.header("content-type")).startsWith("application/json");
        assertThat(spec.json().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(spec.json().path("paths").size()).isGreaterThan(50);
        Resp page = anonymous().get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui-bundle.js", "/openapi.json");
        assertThat(anonymous().get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous().get("/docs/../openapi.json").status()).isIn(200, 404);
    }

    /** Loads /docs in Debian's headless Chromium and reads the operations Swagger UI rendered from /openapi.json. */
    @Test
    void theReferencePageListsEveryOperationInABrowser() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("OMS_CHROMIUM", "/usr/bin/chromium"));
        boolean required = "1".equals(System.getenv("OMS_REQUIRE_BROWSER"));
        if (!Files.isExecutable(chromium)) {
            if (required) throw new AssertionError("Chromium is required (OMS_REQUIRE_BROWSER=1) but " + chromium + " is missing");
            Assumptions.abort("no Chromium at " + chromium + " (apt-get install chromium; .ci/run installs it)");
        }
        runtime();
        // the page lists the tags collapsed (the contract is too large to render every operation at once); a deep link
        // opens one tag: every tag is listed, and every operation of the largest tags is shown when its tag is opened
        Map<String, Set<String>> byTag = new TreeMap<>();
        ContractResponses.SPEC.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (!Set.of("get", "post", "patch", "put", "delete").contains(m.getKey())) return;
            for (var tag : m.getValue().path("tags")) byTag.computeIfAbsent(tag.asText(), k -> new TreeSet<>()).add(m.getKey() + " " + p.getKey());
        }));
        assertThat(byTag.values().stream().mapToInt(Set::size).sum()).as("every operation has a tag").isGreaterThanOrEqualTo(contractRoutes().size());
        String page = dom(chromium, "");
        for (String tag : byTag.keySet()) assertThat(page).as("tag %s listed", tag).contains("data-tag=\"" + tag + "\"");
        List<String> largest = byTag.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).limit(3).map(Map.Entry::getKey).toList();
        for (String tag : new java.util.LinkedHashSet<>(java.util.stream.Stream.concat(largest.stream(), java.util.stream.Stream.of("Order lifecycle")).toList())) {
            String opened = dom(chromium, "#/" + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20"));
            int rendered = opened.split("class=\"opblock-summary-path\"", -1).length - 1;
            assertThat(rendered).as("operations of %s rendered by Swagger UI", tag).isEqualTo(byTag.get(tag).size());
            if (tag.equals("Order lifecycle")) assertThat(opened).contains("confirmOrder", "/v1/orders/{orderId}/confirm");
        }
    }

    /** The reference page's DOM once Swagger UI has rendered it, at {@code fragment}. */
    private static String dom(Path chromium, String fragment) throws Exception {
        Path profile = Files.createTempDirectory("oms-chromium");
        try {
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom",
                    runtime().baseUrl() + "/docs" + fragment).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            return dom;
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile
        }
    }
}
