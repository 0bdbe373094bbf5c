package dev.oms.local;

import static dev.oms.local.ReturnsKit.*;
import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.platform.Platform;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The returns API end to end: creating returns under the eligibility rules, isolation, roles, receipts, inspections. */
class ReturnsIT {
    static String tenant;
    static Client agent;
    static Client warehouse;
    static Client customer;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-ret", "agent");
        warehouse = as(tenant, "wh-ret", "warehouse_supervisor");
        customer = customer(tenant, "cus_ret");
    }

    static String path(Shipped s) { return "/v1/orders/" + s.orderId() + "/returns"; }

    @Test
    void aCustomerReturnsShippedUnitsAndGetsAnRmaWithInstructions() {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        Resp created = customer.header("Idempotency-Key", "ret-" + s.orderId()).post(path(s), returnBody(s.lineId(), 1, "ship", null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode r = created.json();
        String id = r.path("return_id").asText();
        assertThat(id).startsWith("ret_");
        assertThat(r.path("rma").asText()).startsWith("RMA-");
        assertThat(r.path("status").asText()).isEqualTo("requested");
        assertThat(r.path("refund").asText()).isEqualTo("refund_to_card");
        assertThat(r.path("return_instructions").path("label_url").asText()).endsWith("/ship-return-label");
        assertThat(r.path("return_instructions").path("text").asText()).contains(r.path("rma").asText());
        assertThat(r.has("task_token")).isFalse();
        assertThat(created.header("location")).isEqualTo(path(s) + "/" + id);

        Resp replay = customer.header("Idempotency-Key", "ret-" + s.orderId()).post(path(s), returnBody(s.lineId(), 1, "ship", null));
        assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
        assertThat(replay.json().path("return_id").asText()).isEqualTo(id);
        assertThat(customer.header("Idempotency-Key", "ret-" + s.orderId()).post(path(s), returnBody(s.lineId(), 2, "ship", null)).code())
                .isEqualTo("idempotency.key_reused");

        assertThat(customer.get(path(s) + "/" + id).json().path("lines").get(0).path("quantity").asLong()).isEqualTo(1);
        JsonNode list = agent.get(path(s)).json();
        assertThat(list.path("data")).hasSize(1);
        JsonNode order = agent.get("/v1/orders/" + s.orderId() + "?expand=returns").json();
        assertThat(order.path("return_status").asText()).isEqualTo("requested");
        assertThat(order.path("returns").get(0).path("id").asText()).isEqualTo(id);
        assertThat(timeline(agent, s.orderId())).contains("return.created");
    }

    @Test
    void onlyShippedUnitsNotAlreadyReturnedAreEligible() {
        Shipped unshipped = shippedOrder(tenant, agent, "cus_ret", 0);
        Resp none = agent.post(path(unshipped), returnBody(unshipped.lineId(), 1, "dropoff", "store_credit"));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.code()).isEqualTo("return.not_eligible");
        assertThat(none.json().path("reason").asText()).isEqualTo("not_shipped");
        assertThat(none.header("content-type")).startsWith("application/problem+json");

        Shipped one = shippedOrder(tenant, agent, "cus_ret", 1);
        Resp over = agent.post(path(one), returnBody(one.lineId(), 2, "dropoff", null));
        assertThat(over.code()).isEqualTo("return.not_eligible");
        assertThat(over.json().path("lines").get(0).path("returnable").asLong()).isEqualTo(1);

        assertThat(agent.post(path(one), returnBody(one.lineId(), 1, "dropoff", null)).status()).isEqualTo(201);
        Resp again = agent.post(path(one), returnBody(one.lineId(), 1, "dropoff", null));
        assertThat(again.code()).isEqualTo("return.not_eligible");
        assertThat(again.json().path("reason").asText()).isEqualTo("already_returned");
    }

    @Test
    void theTenantsReturnWindowIsEnforced() {
        String closed = newTenant();
        Client a = as(closed, "agent-window", "agent");
        Platform.get().settings.put(closed, new TenantSettings(false, "before_shipment", true, 0));
        Shipped s = shippedOrder(closed, a, "cus_w", 2);
        Resp late = a.post(path(s), returnBody(s.lineId(), 1, "ship", null));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("reason").asText()).isEqualTo("return_window_expired");
        assertThat(late.json().path("return_window_days").asInt()).isZero();
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        Resp bad = agent.post(path(s), Map.of("lines", java.util.List.of(Map.of("line_id", s.lineId(), "quantity", 0)), "return_method", "drone"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("request.invalid");
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("lines[0].quantity", "lines[0].reason_code", "return_method");
        assertThat(agent.post(path(s), returnBody("line_nope", 1, "ship", null)).code()).isEqualTo("order.line_not_found");
        assertThat(agent.get(path(s)).json().path("data")).isEmpty();
    }

    @Test
    void otherTenantsAndCustomersSeeNothing() {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        String id = agent.post(path(s), returnBody(s.lineId(), 1, "dropoff", null)).json().path("return_id").asText();
        Client stranger = customer(tenant, "cus_other");
        Client otherTenant = as(newTenant(), "agent-x", "agent");

        assertThat(stranger.post(path(s), returnBody(s.lineId(), 1, "ship", null)).code()).isEqualTo("order.not_found");
        assertThat(stranger.get(path(s) + "/" + id).status()).isEqualTo(404);
        // a return named on its own: another customer's is the same return.not_found as a missing one
        Resp strangers = stranger.post("/v1/orders/returns/" + id + "/cancel", Map.of());
        Resp missing = customer(tenant, "cus_ret").post("/v1/orders/returns/ret_01JMISSING0000000000000000/cancel", Map.of());
        assertThat(strangers.status()).isEqualTo(404);
        assertThat(strangers.code()).isEqualTo("return.not_found").isEqualTo(missing.code());
        assertThat(strangers.json().path("detail").asText().replace(id, "ID"))
                .isEqualTo(missing.json().path("detail").asText().replace("ret_01JMISSING0000000000000000", "ID"));
        assertThat(stranger.post("/v1/orders/returns/" + id + "/ship-return-label", Map.of()).code()).isEqualTo("return.not_found");
        assertThat(otherTenant.get(path(s) + "/" + id).code()).isEqualTo("order.not_found");
        assertThat(otherTenant.post("/v1/orders/returns/" + id + "/receive", receipt(s.lineId(), 1, "new")).code()).isEqualTo("return.not_found");
        assertThat(agent.get(path(s) + "/ret_nope").code()).isEqualTo("return.not_found");
    }

    @Test
    void rolesDecideWhoReceivesInspectsAndRefunds() {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        String id = customer.post(path(s), returnBody(s.lineId(), 1, "dropoff", null)).json().path("return_id").asText();
        assertThat(customer.post("/v1/orders/returns/" + id + "/receive", receipt(s.lineId(), 1, "new")).code()).isEqualTo("auth.forbidden");
        assertThat(as(tenant, "fin", "finance").post("/v1/orders/returns/" + id + "/inspect", approve(s.lineId(), null)).status()).isEqualTo(403);
        assertThat(agent.post("/v1/orders/returns/" + id + "/issue-refund", Map.of()).status()).isEqualTo(403);
        assertThat(as(tenant, "fraud", "fraud_analyst").post(path(s), returnBody(s.lineId(), 1, "ship", null)).status()).isEqualTo(403);
    }

    @Test
    void receiptsAddUpInspectionNeedsGoodsAndACustomerMayWithdrawBeforeArrival() {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        String id = customer.post(path(s), returnBody(s.lineId(), 2, "dropoff", null)).json().path("return_id").asText();
        String base = "/v1/orders/returns/" + id;

        Resp early = warehouse.post(base + "/inspect", approve(s.lineId(), null));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("return.not_received");

        Resp part = warehouse.post(base + "/receive", receipt(s.lineId(), 1, "opened"));
        assertThat(part.status()).as(part.toString()).isEqualTo(200);
        assertThat(part.json().path("status").asText()).isEqualTo("partially_received");
        assertThat(customer.post(base + "/cancel", Map.of("reason", "changed my mind")).code()).isEqualTo("return.not_cancellable");
        assertThat(warehouse.post(base + "/receive", receipt(s.lineId(), 2, "new")).code()).isEqualTo("return.over_receipt");
        Resp all = warehouse.post(base + "/receive", receipt(s.lineId(), 1, "new"));
        assertThat(all.json().path("status").asText()).isEqualTo("received");
        assertThat(all.json().path("lines").get(0).path("serials")).hasSize(2);
        Resp twice = warehouse.post(base + "/receive", receipt(s.lineId(), 1, "new"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("return.already_received");
        assertThat(warehouse.post(base + "/issue-refund", Map.of()).status()).isEqualTo(403);
        assertThat(as(tenant, "fin2", "finance").post(base + "/issue-refund", Map.of()).code()).isEqualTo("return.not_inspected");

        Shipped t = shippedOrder(tenant, agent, "cus_ret", 1);
        String other = customer.post(path(t), returnBody(t.lineId(), 1, "pickup", null)).json().path("return_id").asText();
        Resp withdrawn = customer.post("/v1/orders/returns/" + other + "/cancel", Map.of("reason", "kept it"));
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(agent.get("/v1/orders/" + t.orderId()).json().path("return_status").asText()).isEqualTo("none");
        assertThat(customer.post(path(t), returnBody(t.lineId(), 1, "pickup", null)).status()).isEqualTo(201);
        // the warehouse books a parcel that came without an RMA (not a unit another return holds), and can withdraw it
        assertThat(warehouse.post(path(t), returnBody(t.lineId(), 1, "dropoff", null)).code()).isEqualTo("return.not_eligible");
        Shipped u = shippedOrder(tenant, agent, "cus_ret", 1);
        String byWarehouse = warehouse.post(path(u), returnBody(u.lineId(), 1, "dropoff", null)).json().path("return_id").asText();
        assertThat(warehouse.post("/v1/orders/returns/" + byWarehouse + "/cancel", Map.of("reason", "booked twice")).json().path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void aReturnByCarrierGetsOneLabelFiledOnTheOrder() throws Exception {
        Shipped s = shippedOrder(tenant, agent, "cus_ret", 2);
        dev.oms.platform.connectors.SandboxFaults.inject("carrier", "return_label", dev.oms.platform.connectors.SandboxFaults.Mode.FAIL, 20);
        final String id;
        try {
            id = customer.post(path(s), returnBody(s.lineId(), 1, "ship", null)).json().path("return_id").asText();
            Resp down = customer.post("/v1/orders/returns/" + id + "/ship-return-label", Map.of());
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("connector.unavailable");
        } finally {
            anonymous().delete("/local/faults");
        }
        Resp label = customer.post("/v1/orders/returns/" + id + "/ship-return-label", Map.of());
        assertThat(label.status()).as(label.toString()).isEqualTo(200);
        assertThat(label.json().path("status").asText()).isEqualTo("label_issued");
        JsonNode l = label.json().path("label");
        assertThat(l.path("tracking_number").asText()).isNotBlank();
        var pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(l.path("download_url").asText())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        Resp again = customer.post("/v1/orders/returns/" + id + "/ship-return-label", Map.of());
        assertThat(again.json().path("label").path("tracking_number").asText()).isEqualTo(l.path("tracking_number").asText());
        var caller = new dev.oms.app.security.Caller(tenant, "t", "agent", java.util.Set.of("agent"), null, null);
        var order = Platform.get().orders.get(new dev.oms.app.CommandContext(caller, null, null, null, null), s.orderId());
        assertThat(order.children(dev.oms.domain.order.OrderDocument.class).stream().filter(d -> d.type().equals("return_label")))
                .singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("return_label");
            assertThat(d.relatedId()).isEqualTo(id);
            assertThat(d.id()).isEqualTo(l.path("document_id").asText());
        });
        assertThat(timeline(agent, s.orderId())).contains("return.label_issued", "document.attached");

        String dropoff = customer.post(path(s), returnBody(s.lineId(), 1, "dropoff", null)).json().path("return_id").asText();
        assertThat(customer.post("/v1/orders/returns/" + dropoff + "/ship-return-label", Map.of()).code()).isEqualTo("return.label_not_applicable");
    }

    @Test
    void manyReturnsAreReceivedByAJobThatReportsEachOne() throws Exception {
        Shipped a = shippedOrder(tenant, agent, "cus_ret", 2);
        Shipped b = shippedOrder(tenant, agent, "cus_ret", 1);
        String ra = customer.post(path(a), returnBody(a.lineId(), 2, "dropoff", null)).json().path("return_id").asText();
        String rb = customer.post(path(b), returnBody(b.lineId(), 1, "dropoff", null)).json().path("return_id").asText();
        var body = Map.of("returns", java.util.List.of(
                Map.of("return_id", ra, "lines", java.util.List.of(Map.of("line_id", a.lineId(), "quantity", 2, "condition", "new"))),
                Map.of("return_id", rb, "lines", java.util.List.of(Map.of("line_id", b.lineId(), "quantity", 1, "condition", "damaged"))),
                Map.of("return_id", "ret_unknown", "lines", java.util.List.of(Map.of("line_id", b.lineId(), "quantity", 1, "condition", "new")))));
        assertThat(customer.post("/v1/orders/returns/bulk/receive", body).status()).isEqualTo(403);
        assertThat(warehouse.post("/v1/orders/returns/bulk/receive", Map.of("returns", java.util.List.of())).code()).isEqualTo("request.invalid");

        Resp accepted = warehouse.post("/v1/orders/returns/bulk/receive", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String follow = accepted.header("location");
        assertThat(follow).startsWith("/v1/orders/returns/bulk/receive/");
        assertThat(accepted.json().path("kind").asText()).isEqualTo("bulk_receive_returns");
        // the runtime's job runner takes it from the queue; when an earlier test class left the jobs wired to its own
        // recording queue (JobsKit), nothing will, so the test runs the job itself
        long until = System.nanoTime() + 10_000_000_000L;
        while (!warehouse.get(follow).json().path("status").asText().equals("partially_succeeded") && System.nanoTime() < until) Thread.sleep(200);
        if (!warehouse.get(follow).json().path("status").asText().equals("partially_succeeded")) {
            new dev.oms.jobs.JobExecutor(dev.oms.platform.jobs.Jobs.get(), 5, 2).run(tenant, accepted.json().path("id").asText(), () -> Long.MAX_VALUE, 1);
        }
        eventually("the bulk receipt", () -> warehouse.get(follow).json().path("status").asText().equals("partially_succeeded"));
        JsonNode job = warehouse.get(follow).json();
        assertThat(job.path("counts").path("succeeded").asLong()).isEqualTo(2);
        assertThat(job.path("counts").path("failed").asLong()).isEqualTo(1);
        String url = job.path("report_url").asText();
        String report = url.startsWith("file:") ? String.join("\n", JobsKit.lines(url))
                : java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(report).contains("return.not_found", ra, rb);
        assertThat(ret(agent, a.orderId(), ra).path("status").asText()).isEqualTo("received");
        assertThat(ret(agent, b.orderId(), rb).path("lines").get(0).path("condition").asText()).isEqualTo("damaged");
        assertThat(as(newTenant(), "wh-x", "warehouse_supervisor").get(follow).status()).isEqualTo(404);
    }
}
