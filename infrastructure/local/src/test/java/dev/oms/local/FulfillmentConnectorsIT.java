package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 section 7 (docs/fulfillment-connectors.md): 3PL, WMS and SFTP fulfilment connectors against the runtime's
 * own SFTP server: registration and its checks, a real test round trip, pushes that never make a second order at the
 * provider, an inventory sync that reports differences and changes nothing, the call log, the provider down, roles,
 * versions and tenants.
 */
class FulfillmentConnectorsIT {
    static final JobsKit kit = JobsKit.get();
    static LocalSftp sftp;
    static String tenant;
    static Client manager;
    static Client supervisor;
    static Client picker;
    static Client admin;
    static String warehouse;

    @BeforeAll
    static void setUp() {
        sftp = runtime().sftp();
        tenant = newTenant();
        admin = as(tenant, "admin-fc", "admin");
        manager = as(tenant, "manager-fc", "fulfillment_manager");
        supervisor = as(tenant, "super-fc", "warehouse_supervisor");
        picker = as(tenant, "picker-fc", "picker");
        Resp w = manager.post("/v1/fulfillment/warehouses", WarehouseFlowIT.warehouseBody("3PL DC"));
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        warehouse = w.json().path("id").asText();
    }

    static Map<String, Object> sftpConnector(String name, int port, String dir) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(port), "username", "threepl",
                "orders_dir", dir + "/orders", "inventory_file", dir + "/stock/inventory.csv", "host_key", sftp.fingerprint()));
        return Map.of("name", name, "type", "ftp", "warehouse_id", warehouse, "config", config,
                "secrets", Map.of("password", "env:" + LocalSftp.PASSWORD_PROPERTY), "priority", 10);
    }

    static String fulfilment(String sku, long quantity) {
        ObjectNode body = TestSystem.order("c-fc-" + System.nanoTime());
        body.putArray("items").add(item(sku, quantity, 1000, "GBP"));
        body.putArray("payments").addObject().put("payment_id", payment(admin, quantity * 1000, "GBP", "authorized"))
                .set("amount", money(quantity * 1000, "GBP"));
        String order = create(admin, body);
        assertThat(admin.post("/v1/orders/" + order + "/confirm", null).status()).isEqualTo(200);
        String line = admin.get("/v1/orders/" + order).json().path("lines").get(0).path("id").asText();
        Resp f = manager.post("/v1/fulfillment/fulfillments", Map.of("order_id", order, "warehouse_id", warehouse,
                "lines", List.of(Map.of("order_line_id", line, "quantity", quantity))));
        assertThat(f.status()).as(f.toString()).isEqualTo(201);
        return f.json().path("id").asText();
    }

    static JsonNode finished(Resp submitted) {
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        assertThat(submitted.header("location")).startsWith("/v1/fulfillment/jobs/job_");
        kit.run(tenant, submitted.json().path("id").asText());
        Resp job = manager.get(submitted.header("location"));
        assertThat(job.status()).as(job.toString()).isEqualTo(200);
        return job.json();
    }

    @Test
    void anSftpProviderIsTestedPushedOnceAndSyncedWithoutChangingStock() throws Exception {
        String dir = "fc-" + System.nanoTime();
        Resp created = manager.header("Idempotency-Key", "fc-create-" + dir).post("/v1/fulfillment/connectors", sftpConnector("Drop 3PL", sftp.port(), dir));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json();
        String id = c.path("id").asText();
        assertThat(c.path("adapter").asText()).isEqualTo("sftp");
        assertThat(c.path("secrets").path("password").asText()).isEqualTo("env:LOCAL_SFTP_PASSWORD");
        assertThat(created.header("location")).isEqualTo("/v1/fulfillment/connectors/" + id);
        assertThat(manager.header("Idempotency-Key", "fc-create-" + dir).post("/v1/fulfillment/connectors", sftpConnector("Drop 3PL", sftp.port(), dir))
                .header("idempotent-replayed")).isEqualTo("true");
        assertThat(picker.get("/v1/fulfillment/connectors?type=ftp").json().path("data")).extracting(n -> n.path("id").asText()).contains(id);

        // the test: the sample pick list goes and comes back; the inventory file is not there yet. The API function
        // carries no SSH library: each step is one invocation of FulfillmentProvidersFunction
        List<String> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
        var functions = runtime().functions();
        @SuppressWarnings("unchecked")
        var real = (com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>>) functions.instance("FulfillmentProvidersFunction");
        functions.replace("FulfillmentProvidersFunction", (com.amazonaws.services.lambda.runtime.RequestHandler<Map<String, Object>, Map<String, Object>>) (event, context) -> {
            relayed.add(String.valueOf(event.get("logged_as")));
            return real.handleRequest(event, context);
        });
        JsonNode test;
        try {
            test = manager.post("/v1/fulfillment/connectors/" + id + "/test", Map.of()).json();
        } finally {
            functions.replace("FulfillmentProvidersFunction", real);
        }
        assertThat(relayed).containsExactly("test_push", "test_inventory");
        assertThat(test.path("steps").get(0).path("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.path("steps").get(1).path("error").path("code").asText()).isEqualTo("connector.inventory_file_missing");
        assertThat(test.path("ok").asBoolean()).isFalse();
        try (var files = Files.list(sftp.root().resolve(dir + "/orders"))) {
            assertThat(files.toList()).as("the probe file is taken back").isEmpty();
        }
        Path stock = sftp.root().resolve(dir + "/stock/inventory.csv");
        Files.createDirectories(stock.getParent());
        Files.writeString(stock, "SKU,Available,Location\nSKU-FC-A,7,B1\nSKU-FC-B,3,B2\nSKU-FC-EXTRA,1,B3\n");
        JsonNode retest = manager.post("/v1/fulfillment/connectors/" + id + "/test", Map.of("skus", List.of("SKU-FC-A"))).json();
        assertThat(retest.path("ok").asBoolean()).as(retest.toString()).isTrue();
        assertThat(retest.path("steps").get(1).path("detail").asText()).contains("1 SKUs").contains("SKU-FC-A: 7");

        // a push: one file named by the fulfilment, recorded once
        String ful = fulfilment("SKU-FC-A", 2);
        JsonNode job = finished(manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", ful)));
        assertThat(job.path("kind").asText()).isEqualTo("connector_push");
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("result").path("status").asText()).isEqualTo("pushed");
        assertThat(job.path("result").path("provider_reference").asText()).isEqualTo("sftp:" + dir + "/orders/" + ful + ".csv");
        Path file = sftp.root().resolve(dir + "/orders/" + ful + ".csv");
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).startsWith("order_id,order_number,fulfillment_id,warehouse_id,line_id,sku,quantity");
        assertThat(rows.get(1)).contains(ful).contains(warehouse).contains(",SKU-FC-A,2,");

        // the provider takes the file; a second push answers the first and writes nothing
        Files.delete(file);
        Resp again = manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", ful));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("already_pushed");
        assertThat(again.json().path("job_id").asText()).isEqualTo(job.path("id").asText());
        assertThat(Files.exists(file)).isFalse();
        // a second job for the same fulfilment (two pushes raced) finds the push and sends nothing either
        JsonNode raced = finished(submitRaw(id, ful));
        assertThat(raced.path("result").path("status").asText()).isEqualTo("already_pushed");
        assertThat(Files.exists(file)).isFalse();

        // the sync: the provider's numbers against the OMS's stock in the warehouse; nothing changes
        Platform.get().inventory.setLots(tenant, "SKU-FC-A", List.of(new StockLot(warehouse, "A-01", "SKU-FC-A", null, null, null, 7)));
        Platform.get().inventory.setLots(tenant, "SKU-FC-B", List.of(new StockLot(warehouse, "A-02", "SKU-FC-B", null, null, null, 5)));
        Platform.get().inventory.setLots(tenant, "SKU-FC-C", List.of(new StockLot(warehouse, "A-03", "SKU-FC-C", null, null, null, 2)));
        JsonNode sync = finished(manager.post("/v1/fulfillment/connectors/" + id + "/sync-inventory",
                Map.of("skus", List.of("SKU-FC-A", "SKU-FC-B", "SKU-FC-C"))));
        assertThat(sync.path("status").asText()).as(sync.toString()).isEqualTo("succeeded");
        assertThat(sync.path("summary").path("skus_compared").asLong()).isEqualTo(3);
        assertThat(sync.path("summary").path("matching").asLong()).isEqualTo(1);
        assertThat(sync.path("summary").path("differing").asLong()).isEqualTo(1);
        assertThat(sync.path("summary").path("missing_at_provider").asLong()).isEqualTo(1);
        assertThat(JobsKit.lines(sync.path("report_url").asText())).containsExactly("sku,provider_available,oms_available,difference,status",
                "SKU-FC-A,7,7,0,match", "SKU-FC-B,3,5,-2,differs", "SKU-FC-C,,2,,missing_at_provider");
        List<StockLot> after = Platform.get().inventory.stock(tenant, List.of("SKU-FC-B"), List.of(warehouse));
        assertThat(after).extracting(StockLot::available).containsExactly(5L);

        // the log: every call, newest first
        JsonNode logs = picker.get("/v1/fulfillment/connectors/" + id + "/logs?limit=50").json();
        assertThat(logs.path("data")).extracting(n -> n.path("operation").asText() + ":" + n.path("outcome").asText())
                .contains("dispatch:ok", "availability:ok", "test_push:ok", "test_inventory:refused", "test_inventory:ok");
        JsonNode read = picker.get("/v1/fulfillment/connectors/" + id).json();
        assertThat(read.path("health").path("sample_size").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(read.path("health").path("last_success_at").isTextual()).isTrue();
    }

    /** A push job submitted straight to the runner, as if two requests had raced past the route's check. */
    static Resp submitRaw(String connectorId, String fulfillmentId) {
        var job = kit.jobs.service.submit(new dev.oms.app.CommandContext(new dev.oms.app.security.Caller(tenant, "manager-fc", "agent",
                        java.util.Set.of("fulfillment_manager"), null, null), "corr-raced", null, null, dev.oms.app.port.ResponseJournal.NONE),
                kit.jobs.service.newId(), dev.oms.domain.job.JobKind.CONNECTOR_PUSH,
                Map.of("connector_id", connectorId, "fulfillment_id", fulfillmentId), false);
        return new Resp(202, Map.of("location", "/v1/fulfillment/jobs/" + job.id()), dev.oms.platform.json.Json.object().put("id", job.id()), "");
    }

    @Test
    void aProviderThatIsDownFailsTheTestStepAndThePushIsRetriedThenFails() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String id = manager.post("/v1/fulfillment/connectors", sftpConnector("Down 3PL", closed, "fc-down")).json().path("id").asText();
        JsonNode test = manager.post("/v1/fulfillment/connectors/" + id + "/test", Map.of()).json();
        assertThat(test.path("ok").asBoolean()).isFalse();
        assertThat(test.path("steps")).extracting(s -> s.path("error").path("code").asText()).containsOnly("connector.unavailable");

        String ful = fulfilment("SKU-FC-D", 1);
        Resp submitted = manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", ful));
        assertThat(submitted.status()).isEqualTo(202);
        String jobId = submitted.json().path("id").asText();
        assertThatThrownBy(() -> kit.deliver(tenant, jobId, 1)).isInstanceOf(dev.oms.app.connector.ConnectorException.class);
        assertThatThrownBy(() -> kit.deliver(tenant, jobId, 2)).isInstanceOf(dev.oms.app.connector.ConnectorException.class);
        kit.deliver(tenant, jobId, 3);
        JsonNode job = manager.get("/v1/fulfillment/jobs/" + jobId).json();
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.path("error").path("code").asText()).isEqualTo("job.crashed");
        assertThat(manager.get("/v1/fulfillment/connectors/" + id + "/logs").json().path("data"))
                .extracting(n -> n.path("outcome").asText()).contains("failed");
        JsonNode health = manager.get("/v1/fulfillment/connectors/" + id).json().path("health");
        assertThat(health.path("error_rate").asDouble()).isGreaterThan(0.0);
        assertThat(health.path("last_error").asText()).isNotBlank();
    }

    @Test
    void aSandboxThreePlPushesAndSyncsThroughTheSameJobs() {
        Resp created = manager.post("/v1/fulfillment/connectors", Map.of("name", "Sandbox 3PL", "type", "3pl", "adapter", "sandbox",
                "warehouse_id", warehouse));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String ful = fulfilment("SKU-FC-S", 1);
        JsonNode job = finished(manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", ful)));
        assertThat(job.path("result").path("provider_reference").asText()).isEqualTo("sbx-" + ful);
        JsonNode sync = finished(manager.post("/v1/fulfillment/connectors/" + id + "/sync-inventory", Map.of("skus", List.of("SKU-FC-S"))));
        assertThat(sync.path("status").asText()).as(sync.toString()).isEqualTo("succeeded");
        assertThat(sync.path("summary").path("skus_compared").asLong()).isEqualTo(1);
        assertThat(manager.get("/v1/fulfillment/connectors/" + id + "/logs").json().path("data"))
                .extracting(n -> n.path("adapter").asText()).containsOnly("sandbox");
    }

    @Test
    void configurationsAreCheckedPerAdapterAndSecretsAreReferencesOnly() {
        Map<String, Object> bad = new HashMap<>(sftpConnector("Bad", sftp.port(), "fc-bad"));
        bad.put("config", Map.of("host", "127.0.0.1", "username", "threepl", "colour", "blue", "port", "99999"));
        bad.put("secrets", Map.of("password", "hunter2"));
        Resp r = manager.post("/v1/fulfillment/connectors", bad);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("errors")).extracting(e -> e.path("field").asText() + ":" + e.path("code").asText())
                .contains("config.colour:field.unknown", "config.port:field.format", "secrets.password:secret.reference_invalid");
        assertThat(r.text()).doesNotContain("hunter2");

        Map<String, Object> twoSecrets = new HashMap<>(sftpConnector("Two", sftp.port(), "fc-two"));
        twoSecrets.put("secrets", Map.of("password", "env:A", "private_key", "env:B"));
        assertThat(manager.post("/v1/fulfillment/connectors", twoSecrets).json().path("errors").get(0).path("code").asText()).isEqualTo("field.exclusive");

        Map<String, Object> wrongAdapter = new HashMap<>(sftpConnector("Wrong", sftp.port(), "fc-wrong"));
        wrongAdapter.put("adapter", "http");
        Resp w = manager.post("/v1/fulfillment/connectors", wrongAdapter);
        assertThat(w.status()).isEqualTo(422);
        assertThat(w.json().path("code").asText()).isEqualTo("connector.adapter_not_supported");

        Map<String, Object> unknown = new HashMap<>(sftpConnector("Unknown", sftp.port(), "fc-x"));
        unknown.put("warehouse_id", "wh_nope");
        assertThat(manager.post("/v1/fulfillment/connectors", unknown).status()).isEqualTo(404);
        assertThat(manager.post("/v1/fulfillment/connectors", Map.of("name", "x", "type", "pigeon", "warehouse_id", warehouse)).status()).isEqualTo(400);
        assertThat(manager.get("/v1/fulfillment/connectors?type=pigeon").status()).isEqualTo(400);
        assertThat(manager.get("/v1/fulfillment/connectors?colour=blue").status()).isEqualTo(400);
    }

    @Test
    void changesAreVersionedDisabledConnectorsRefuseWorkAndDeletedOnesAreGone() {
        String id = manager.post("/v1/fulfillment/connectors", sftpConnector("Versioned", sftp.port(), "fc-v")).json().path("id").asText();
        Resp stale = manager.header("If-Match", "\"7\"").patch("/v1/fulfillment/connectors/" + id, Map.of("priority", 5));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asText()).isEqualTo("fulfillment_connector.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(1);
        Resp off = manager.header("If-Match", "\"1\"").patch("/v1/fulfillment/connectors/" + id, Map.of("enabled", false, "priority", 5));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().path("version").asLong()).isEqualTo(2);
        assertThat(off.header("etag")).isEqualTo("\"2\"");
        assertThat(manager.patch("/v1/fulfillment/connectors/" + id, Map.of("type", "wms")).status()).isEqualTo(400);
        assertThat(manager.patch("/v1/fulfillment/connectors/" + id, Map.of()).status()).isEqualTo(400);

        String ful = fulfilment("SKU-FC-V", 1);
        Resp refused = manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", ful));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("fulfillment_connector.disabled");
        assertThat(manager.post("/v1/fulfillment/connectors/" + id + "/sync-inventory", Map.of()).status()).isEqualTo(409);

        assertThat(manager.delete("/v1/fulfillment/connectors/" + id).status()).isEqualTo(204);
        assertThat(manager.get("/v1/fulfillment/connectors/" + id).status()).isEqualTo(404);
        assertThat(manager.get("/v1/fulfillment/connectors").json().path("data")).extracting(n -> n.path("id").asText()).doesNotContain(id);
        assertThat(manager.delete("/v1/fulfillment/connectors/" + id).status()).isEqualTo(404);
    }

    @Test
    void aFulfilmentOfAnotherWarehouseOrAlreadyShippedIsNotPushed() {
        Resp other = manager.post("/v1/fulfillment/warehouses", WarehouseFlowIT.warehouseBody("Other DC"));
        Map<String, Object> body = new HashMap<>(sftpConnector("Other", sftp.port(), "fc-o"));
        body.put("warehouse_id", other.json().path("id").asText());
        String id = manager.post("/v1/fulfillment/connectors", body).json().path("id").asText();
        Resp mismatch = manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", fulfilment("SKU-FC-O", 1)));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().path("code").asText()).isEqualTo("fulfillment_connector.warehouse_mismatch");
        assertThat(manager.post("/v1/fulfillment/connectors/" + id + "/push-fulfillment", Map.of("fulfillment_id", "ful_nope")).status()).isEqualTo(404);
    }

    @Test
    void rolesAndTenantsAreKeptApart() {
        String id = manager.post("/v1/fulfillment/connectors", sftpConnector("Private", sftp.port(), "fc-p")).json().path("id").asText();
        assertThat(supervisor.post("/v1/fulfillment/connectors", sftpConnector("Nope", sftp.port(), "fc-n")).status()).isEqualTo(403);
        assertThat(picker.post("/v1/fulfillment/connectors/" + id + "/test", Map.of()).status()).isEqualTo(403);
        assertThat(picker.delete("/v1/fulfillment/connectors/" + id).status()).isEqualTo(403);
        assertThat(picker.get("/v1/fulfillment/connectors/" + id).status()).isEqualTo(200);
        Client stranger = as(newTenant(), "admin-other", "admin");
        for (Resp r : List.of(stranger.get("/v1/fulfillment/connectors/" + id), stranger.get("/v1/fulfillment/connectors/" + id + "/logs"),
                stranger.post("/v1/fulfillment/connectors/" + id + "/test", Map.of()),
                stranger.patch("/v1/fulfillment/connectors/" + id, Map.of("priority", 1)), stranger.delete("/v1/fulfillment/connectors/" + id))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().path("code").asText()).isEqualTo("fulfillment_connector.not_found");
        }
        assertThat(stranger.get("/v1/fulfillment/connectors").json().path("data")).isEmpty();
    }
}
