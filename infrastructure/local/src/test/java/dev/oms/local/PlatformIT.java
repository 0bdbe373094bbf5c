package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.platform.aws.CapacityMeter;
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
    /** The search routes are part of the sweeps: the runtime's OpenSearch node must be up (it boots in the background). */
    @org.junit.jupiter.api.BeforeAll
    static void searchNodeReady() { TestSystem.runtime().search().awaitReady(); }


    static SamTemplate template() throws Exception {
        try (Reader r = Files.newBufferedReader(Path.of(System.getProperty("oms.template", "../../template.yaml")))) {
            return SamTemplate.read(r);
        }
    }

    /** Every operation of the contract with the function API Gateway sends it to. */
    static List<SamTemplate.HttpRoute> operations() throws Exception {
        return template().routed(ContractIT.contractRoutes());
    }

    /**
     * The template declares exactly the handlers' routes, each on the function whose handler serves it (the HttpApi's
     * DefinitionBody, docs/api-contract.md "Adding or changing a route"), and API Gateway's choice among them (literal
     * segments beat parameters) sends every request to that function.
     */
    @Test
    void theTemplateDeclaresEveryHandlerRouteOnItsFunctionAndNothingElse() throws Exception {
        runtime();
        SamTemplate t = template();
        Set<String> used = new TreeSet<>();
        List<String> misrouted = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (SamTemplate.Function f : t.functions()) {
            Object handler = Class.forName(f.handler().split("::")[0]).getDeclaredConstructor().newInstance();
            if (!(handler instanceof ApiHandler api)) continue;
            for (Route r : api.routes().all()) {
                if (r.path().equals("$default")) continue;
                keys.add(r.key());
                SamTemplate.HttpRoute chosen = t.routeFor(r.method(), r.path());
                if (chosen == null || !chosen.function().equals(f.logicalId())) {
                    misrouted.add(r.key() + " of " + f.logicalId() + " goes to " + (chosen == null ? "nothing" : chosen.function()));
                }
                used.add(f.logicalId() + " " + r.key());
            }
        }
        // the handlers' routes, one "Function METHOD path" per line: what the template's DefinitionBody must declare
        Files.write(Path.of("target/handler-routes.txt"), used);
        assertThat(misrouted).isEmpty();
        assertThat(new HashSet<>(keys)).as("no route is declared by two functions").hasSameSizeAs(keys);
        Set<String> declared = new TreeSet<>();
        t.httpRoutes().stream().filter(r -> !r.path().equals("$default")).forEach(r -> declared.add(r.function() + " " + r.key()));
        assertThat(declared).as("the template's routes (function, method, path) are the handlers' routes").isEqualTo(used);
    }

    /**
     * The admin API's step-up and reason rules (docs/admin-api.md): every route the handlers mark {@code sudo()} or
     * {@code reason()} carries {@code x-oms-sudo} or {@code x-oms-reason-required} in the contract, and no other
     * operation does; every sudo operation declares the {@code X-Admin-Auth-Sudo} header, every reason operation a
     * required body {@code reason}.
     */
    @Test
    void theContractsSudoAndReasonMarksAreTheHandlersFlags() throws Exception {
        runtime();
        Set<String> sudoInCode = new TreeSet<>();
        Set<String> reasonInCode = new TreeSet<>();
        for (SamTemplate.Function f : template().functions()) {
            Object handler = Class.forName(f.handler().split("::")[0]).getDeclaredConstructor().newInstance();
            if (!(handler instanceof ApiHandler api)) continue;
            for (Route r : api.routes().all()) {
                if (r.sudoRequired()) sudoInCode.add(r.key());
                if (r.reasonRequired()) reasonInCode.add(r.key());
            }
        }
        Set<String> sudoInContract = new TreeSet<>();
        Set<String> reasonInContract = new TreeSet<>();
        ContractResponses.SPEC.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            String key = m.getKey().toUpperCase() + " " + p.getKey();
            var op = m.getValue();
            if (op.path("x-oms-sudo").asBoolean(false)) {
                sudoInContract.add(key);
                assertThat(op.path("parameters").toString()).as(key + " declares X-Admin-Auth-Sudo").contains("#/components/parameters/AdminSudo");
            }
            if (op.path("x-oms-reason-required").asBoolean(false)) {
                reasonInContract.add(key);
                var schema = op.path("requestBody").path("content").path("application/json").path("schema");
                if (schema.has("$ref")) schema = ContractResponses.SPEC.at(schema.get("$ref").asText().substring(1));
                assertThat(schema.path("required").toString()).as(key + " requires a reason").contains("\"reason\"");
            }
        }));
        assertThat(sudoInContract).as("x-oms-sudo operations = sudo() routes").isEqualTo(sudoInCode);
        assertThat(reasonInContract).as("x-oms-reason-required operations = reason() routes").isEqualTo(reasonInCode);
    }

    @Test
    void theDocumentedPermissionTableIsTheCodesTable() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("oms.conventions", "../../docs/conventions.md")));
        for (String role : dev.oms.app.security.RolePermissions.ROLES) {
            var granted = dev.oms.app.security.RolePermissions.TABLE.get(role);
            String perms = granted.isEmpty() ? "(none on the orders API yet)"
                    : String.join(", ", granted.stream().map(dev.oms.app.security.Permission::wire).toList());
            assertThat(readme).as("docs/conventions.md row for " + role).contains("| `" + role + "` | " + perms + " |");
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
        // a path below a declared route, a declared path with another method: the $default fallback answers
        Resp underSubtree = agent.get("/v1/orders/ord_1/lines/ln_1/nope");
        assertThat(underSubtree.status()).isEqualTo(404);
        assertThat(underSubtree.code()).isEqualTo("route.not_found");
        Resp wrongMethodUnderSubtree = agent.send("PUT", "/v1/orders/ord_1/lines/ln_1", "{}");
        assertThat(wrongMethodUnderSubtree.status()).isEqualTo(405);
        assertThat(wrongMethodUnderSubtree.header("allow")).isEqualTo("DELETE, PATCH");
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
        JsonNode shipped = demo.get("/v1/orders?limit=200").json().path("data");
        Set<String> fulfilment = new HashSet<>(shipped.findValuesAsText("fulfillment_status"));
        assertThat(fulfilment).contains("unfulfilled", "partially_fulfilled", "fulfilled");
        assertThat(new HashSet<>(shipped.findValuesAsText("payment_status"))).contains("paid", "authorized");
        assertThat(new HashSet<>(shipped.findValuesAsText("return_status"))).contains("requested");
    }

    @Test
    void readingAnOrderWithItsLinesIsOneDynamoDbRequestAndACommandIsOneTransaction() {
        runtime();
        String tenant = newTenant();
        Client agent = as(tenant, "cost", "agent");
        com.fasterxml.jackson.databind.node.ObjectNode body = order("c1");
        body.withArray("items").add(item("SKU-2", 1, 100, "GBP"));
        body.withArray("items").add(item("SKU-3", 1, 100, "GBP"));
        String id = create(agent, body);
        // the handlers are called on this thread and only this thread's requests are counted: the running system's
        // background work (stream subscribers) does not blur the figures
        var crud = new dev.oms.orders.OrderCrudHandler();
        var caller = new dev.oms.app.security.Caller(tenant, "cost", "agent", java.util.Set.of("agent"), null, null);
        CapacityMeter.meterThisThreadOnly();
        try {
            // the request quotas (docs/customer-care.md): the caller's first request in a window leases a batch of its
            // principal's and its tenant's quota (two UpdateItems) and reads the tenant's quotas (kept a minute);
            // the requests after it spend the batch locally and cost nothing more (theRequestQuotasCostAtMost...)
            CapacityMeter.reset();
            assertThat(crud.handle(event("GET", "/v1/orders/{orderId}", "/v1/orders/" + id, Map.of("orderId", id), null, caller)).status()).isEqualTo(200);
            assertThat(CapacityMeter.requests()).as("the read, two leases, the quotas").isLessThanOrEqualTo(4);
            CapacityMeter.reset();
            assertThat(crud.handle(event("GET", "/v1/orders/{orderId}", "/v1/orders/" + id, Map.of("orderId", id), null, caller)).status()).isEqualTo(200);
            assertThat(CapacityMeter.requests()).isEqualTo(1);
            assertThat(CapacityMeter.units()).isGreaterThan(0);
            CapacityMeter.reset();
            assertThat(crud.handle(event("PATCH", "/v1/orders/{orderId}", "/v1/orders/" + id, Map.of("orderId", id),
                    "{\"metadata\":{\"a\":\"b\"}}", caller)).status()).isEqualTo(200);
            assertThat(CapacityMeter.requests()).as("read + one transaction").isEqualTo(2);
            CapacityMeter.reset();
            var list = crud.handle(event("GET", "/v1/orders", "/v1/orders", Map.of(), null, caller));
            assertThat(list.status()).isEqualTo(200);
            assertThat(CapacityMeter.requests()).as("one Query per shard of the list (docs/scaling.md)").isEqualTo(dev.oms.platform.dynamo.Keys.TENANT_SHARDS);
        } finally {
            CapacityMeter.meterAllThreads();
        }
    }

    @Test
    void theRequestQuotasCostAtMostOneUpdateItemPerBatchOfFiftyRequests() {
        runtime();
        String tenant = newTenant();
        String id = create(as(tenant, "cost", "agent"), order("c1"));
        var crud = new dev.oms.orders.OrderCrudHandler();
        var caller = new dev.oms.app.security.Caller(tenant, "cost-many", "agent", java.util.Set.of("agent"), null, null);
        CapacityMeter.meterThisThreadOnly();
        try {
            CapacityMeter.reset();
            for (int i = 0; i < 200; i++) {
                assertThat(crud.handle(event("GET", "/v1/orders/{orderId}", "/v1/orders/" + id, Map.of("orderId", id), null, caller)).status()).isEqualTo(200);
            }
            // 200 reads; the principal leases 4 batches of 50, the tenant (which has some of its batch left) at most 5;
            // at most one quota read; a window that ends during the loop costs two more leases
            assertThat(CapacityMeter.requests()).isBetween(200L + 4, 200L + 4 + 5 + 1 + 2);
        } finally {
            CapacityMeter.meterAllThreads();
        }
    }

    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event(String method, String route, String path,
            Map<String, String> params, String body, dev.oms.app.security.Caller caller) {
        var auth = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        auth.setLambda(dev.oms.platform.http.AuthorizerContext.of(caller));
        var ctx = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withRequestId(java.util.UUID.randomUUID().toString()).withAuthorizer(auth).build();
        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.builder().withRouteKey(method + " " + route).withRawPath(path)
                .withPathParameters(params.isEmpty() ? null : params).withHeaders(Map.of("content-type", "application/json"))
                .withBody(body).withRequestContext(ctx).build();
    }
}
