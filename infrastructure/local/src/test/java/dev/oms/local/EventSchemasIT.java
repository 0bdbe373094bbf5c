package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.oms.domain.order.OrderEventTypes;
import dev.oms.platform.Platform;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every event the code wrote validates against its JSON Schema in events/schemas, and every schema is used. */
class EventSchemasIT {
    static final Path SCHEMAS = Path.of(System.getProperty("oms.events", "../../events/schemas"));

    static Map<String, JsonSchema> schemas() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> out = new HashMap<>();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".v1.json")).toList()) {
                String type = f.getFileName().toString().replace(".v1.json", "");
                out.put(type, factory.getSchema(Files.readString(f), com.networknt.schema.InputFormat.JSON,
                        com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
            }
        }
        return out;
    }

    @Test
    void everyEmittedEventMatchesItsSchema() throws Exception {
        driveAFlowThatEmitsMostEventTypes();
        Map<String, JsonSchema> schemas = schemas();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        SingleTable table = Platform.get().table;
        var scan = table.client().scanPaginator(r -> r.tableName(table.name()).filterExpression("#t = :event")
                .expressionAttributeNames(java.util.Map.of("#t", "type"))
                .expressionAttributeValues(java.util.Map.of(":event", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("event"))));
        for (var page : scan) {
            for (var doc : page.items()) {
                JsonNode envelope = EventEnvelope.fromItem(SingleTable.item(doc));
                String type = envelope.path("type").asText();
                seen.add(type);
                JsonSchema schema = schemas.get(type);
                if (schema == null) { problems.add("no schema for " + type); continue; }
                Set<ValidationMessage> errors = schema.validate(Json.parse(Json.write(envelope)));
                if (!errors.isEmpty()) problems.add(type + ": " + errors + " in " + envelope);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen).contains("order.created", "order.updated", "order.line_added", "order.line_updated", "order.line_removed",
                "order.line_split", "order.lines_bulk_updated", "order.confirmed", "order.payment_pending", "order.held",
                "order.hold_released", "order.closed", "order.reopened", "order.deleted", "order.lock_acquired", "order.lock_released",
                "order.confirmation_requested", "order.payment_updated", "order.external_update", "order.note_added",
                "order.note_updated", "order.note_deleted", "order.task_created", "order.task_updated");
        assertThat(seen).contains("order.edited", "order.edit_settlement_requested", "order.edit_progressed", "order.edit_completed");
        assertThat(seen).contains("fulfillment.requested", "fulfillment.created", "fulfillment.updated", "fulfillment.cancelled",
                "fulfillment.delivered", "order.shipped", "shipment.created", "shipment.label_ready", "shipment.tracking_updated",
                "shipment.delivered", "shipment.label_regenerated");
        assertThat(seen).contains("routing_rule.created", "packaging_profile.created", "packaging_profile.updated", "device.registered");
        assertThat(seen).contains("api_key.created", "api_key.revoked");
    }

    @Test
    void theSchemasAreValidDocuments() throws Exception {
        assertThat(schemas()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theEventTypesWebhooksMayFilterOnAreTheSchemas() throws Exception {
        assertThat(new TreeSet<>(schemas().keySet())).isEqualTo(new TreeSet<>(OrderEventTypes.ALL));
    }

    private static void driveAFlowThatEmitsMostEventTypes() {
        String tenant = newTenant();
        Client admin = as(tenant, "schema-admin", "admin");
        String id = create(admin, paidOrder(admin, "c1", "authorized"));
        admin.patch("/v1/orders/" + id, Map.of("metadata", Map.of("a", "b")));
        String line = admin.post("/v1/orders/" + id + "/lines", item("SKU-9", 2, 100, "GBP")).json().path("lines").get(0).path("id").asText();
        admin.patch("/v1/orders/" + id + "/lines/" + line, Map.of("quantity", 3));
        admin.post("/v1/orders/" + id + "/lines/" + line + "/split", Map.of("quantities", List.of(1, 2)));
        admin.delete("/v1/orders/" + id + "/lines/" + line);
        admin.post("/v1/orders/" + id + "/lines/bulk", Map.of("lines", List.of(Map.of("sku", "SKU-8", "quantity", 1,
                "unit_price", Map.of("amount", 5, "currency", "GBP")))));
        String hold = admin.post("/v1/orders/" + id + "/hold", Map.of("reason", "check")).json().path("hold").path("id").asText();
        admin.post("/v1/orders/" + id + "/release", Map.of("hold_id", hold));
        String lock = admin.post("/v1/orders/" + id + "/locks", Map.of()).json().path("id").asText();
        admin.delete("/v1/orders/locks/" + lock);
        String note = admin.post("/v1/orders/" + id + "/notes", Map.of("text", "called", "type", "internal")).json().path("id").asText();
        admin.patch("/v1/orders/" + id + "/notes/" + note, Map.of("type", "public"));
        admin.delete("/v1/orders/" + id + "/notes/" + note);
        String task = admin.post("/v1/orders/" + id + "/tasks", Map.of("title", "call", "due_at", "2030-01-01T00:00:00Z")).json().path("id").asText();
        admin.patch("/v1/orders/" + id + "/tasks/" + task, Map.of("status", "done", "completion_note", "ok"));
        String paidId = create(admin, paidOrder(admin, "c1", "authorized"));
        admin.post("/v1/orders/" + paidId + "/confirm", null);
        admin.post("/v1/orders/" + paidId + "/resend-confirmation", Map.of("channel", "email"));
        admin.post("/v1/orders/" + paidId + "/close", Map.of("reason", "done"));
        admin.post("/v1/orders/" + paidId + "/reopen", Map.of("reason", "dispute"));
        admin.post("/v1/orders/" + create(admin, paidOrder(admin, "c2", "pending")) + "/confirm", null);
        admin.delete("/v1/orders/" + create(admin, order("c3")));

        // news from the payment service and the 3PL, as signed inbound webhooks
        ObjectNode pendingBody = paidOrder(admin, "c4", "pending");
        String pending = create(admin, pendingBody);
        String paymentId = pendingBody.path("payments").get(0).path("payment_id").asText();
        admin.post("/v1/orders/" + pending + "/confirm", null);
        Platform.get().payments.settle(tenant, paymentId, "authorized");
        String paymentSecret = Platform.get().inboundSecrets.generate(tenant, "payment");
        postback(tenant, "payment", paymentSecret, "psp-1", now(), "{\"type\":\"payment.authorized\",\"data\":{\"payment_id\":\""
                + paymentId + "\",\"order_id\":\"" + pending + "\",\"amount\":{\"amount\":4990,\"currency\":\"GBP\"}}}");
        String fulfillmentSecret = Platform.get().inboundSecrets.generate(tenant, "fulfillment");
        postback(tenant, "fulfillment", fulfillmentSecret, "3pl-1", now(), "{\"type\":\"fulfillment.shipped\",\"data\":{\"order_id\":\""
                + pending + "\",\"fulfillment_id\":\"3pl-9\",\"carrier\":\"UPS\"}}");
        driveFulfilments(admin);
        driveEdits(admin);
        driveWarehouseOps(admin);
        // an API key (admin API): not an order event, its subject is the key
        Client keyAdmin = AdminKit.stepUp(AdminKit.signIn(tenant, "schema-keys", "admin"));
        String keyId = keyAdmin.post("/v1/admin/keys", Map.of("name", "erp", "roles", List.of("service"))).json().path("id").asText();
        keyAdmin.post("/v1/admin/keys/" + keyId + "/revoke", Map.of("reason", "schema check"));
    }

    /** Order edits (issue 11): a quote applied, its refund settled by the edit-order saga. */
    /** Seed 003 warehouse operations: events of their own aggregates (order_id null, a subject). */
    private static void driveWarehouseOps(Client admin) {
        admin.post("/v1/fulfillment/routing-rules", Map.of("name", "schema", "priority", 1, "warehouse_id", "wh-1"));
        String profile = admin.post("/v1/fulfillment/packaging-profiles", Map.of("name", "Box", "length_mm", 100, "width_mm", 100,
                "height_mm", 100, "max_weight_grams", 1000)).json().path("id").asText();
        admin.patch("/v1/fulfillment/packaging-profiles/" + profile, Map.of("active", false));
        admin.post("/v1/fulfillment/devices/schema-scanner/register", Map.of("warehouse_id", "wh-1", "kind", "scanner"));
    }

    private static void driveEdits(Client admin) {
        String id = create(admin, paidOrder(admin, "c6", "captured"));
        admin.post("/v1/orders/" + id + "/confirm", null);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        String quote = admin.post("/v1/orders/" + id + "/quote-change", Map.of("changes", List.of(Map.of("type", "change_quantity",
                "line_id", line, "quantity", 1)))).json().path("id").asText();
        admin.post("/v1/orders/" + id + "/apply-quote/" + quote, null);
        eventually("the edit saga", () -> "completed".equals(admin.get("/v1/orders/" + id + "/edits").json().path("data").get(0).path("state").asText()));
    }

    /** Fulfilments: created, updated, cancelled, shipped (label rendered), tracked, delivered; one run by the saga. */
    private static void driveFulfilments(Client admin) {
        String id = create(admin, paidOrder(admin, "c5", "authorized"));
        admin.post("/v1/orders/" + id + "/confirm", null);
        String line = admin.get("/v1/orders/" + id).json().path("lines").get(0).path("id").asText();
        Map<String, Object> one = Map.of("warehouse_id", "wh", "lines", List.of(Map.of("line_id", line, "quantity", 1)));
        String cancelled = admin.post("/v1/orders/" + id + "/fulfillments", one).json().path("id").asText();
        admin.post("/v1/orders/" + id + "/fulfillments/" + cancelled + "/cancel", Map.of("reason", "x"));
        String f = admin.post("/v1/orders/" + id + "/fulfillments", one).json().path("id").asText();
        admin.patch("/v1/orders/" + id + "/fulfillments/" + f, Map.of("status", "packed"));
        var shipment = admin.post("/v1/orders/" + id + "/fulfillments/" + f + "/ship", Map.of()).json();
        String tracking = shipment.path("tracking_numbers").get(0).asText();
        admin.post("/local/sandbox/carrier/" + tracking + "/events", Map.of("status", "delivered"));
        String received = admin.post("/v1/orders/" + id + "/fulfillments", one).json().path("id").asText();
        admin.post("/v1/orders/" + id + "/fulfillments/" + received + "/ship", Map.of("tracking_numbers", List.of("OWN-1"), "label_reference", "x"));
        admin.post("/v1/orders/" + id + "/fulfillments/" + received + "/confirm-receipt", Map.of());
        String saga = create(admin, paidOrder(admin, "c6", "authorized"));
        admin.post("/v1/orders/" + saga + "/confirm", null);
        String sagaLine = admin.get("/v1/orders/" + saga).json().path("lines").get(0).path("id").asText();
        admin.post("/v1/orders/" + saga + "/fulfillments", Map.of("warehouse_id", "wh", "mode", "saga",
                "lines", List.of(Map.of("line_id", sagaLine, "quantity", 1))));
        eventually("the label", () -> admin.get("/v1/orders/shipments/" + shipment.path("id").asText() + "/label").status() == 200);
        admin.post("/v1/admin/shipments/" + shipment.path("id").asText() + "/label/regenerate", Map.of("reason", "printer jammed"));
        eventually("the saga's fulfilment", () -> admin.get("/v1/orders/" + saga + "/fulfillments").json().path("data").size() == 1);
    }
}
