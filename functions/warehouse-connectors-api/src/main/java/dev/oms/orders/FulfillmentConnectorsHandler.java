package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_ADMIN;
import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.platform.http.Route.delete;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.patch;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.warehouse.WarehouseFulfilments;
import dev.oms.app.warehouseops.FulfilmentConnectors;
import dev.oms.app.warehouseops.FulfilmentConnectors.ConnectorChange;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.warehouse.ops.ConnectorPush;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Routes;
import dev.oms.platform.jobs.JobSubmission;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.ConnectorViews;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 section 7: the tenant's 3PL, WMS and SFTP fulfilment connectors. Register, read, change and delete them
 * ({@code warehouse:admin} to change; {@code warehouse:read} to read); {@code test} is a real round trip (a sample
 * pick list the provider checks or takes back, and an inventory pull) answered with diagnostics;
 * {@code sync-inventory} and {@code push-fulfillment} are jobs of the job runner; {@code logs} pages the connector's
 * own call log.
 */
public final class FulfillmentConnectorsHandler extends ApiHandler {
    static final int MAX_SYNC_SKUS = 1000;
    static final List<String> FIELDS = List.of("name", "type", "adapter", "warehouse_id", "config", "secrets", "priority", "enabled");

    private final WarehouseConnectorsApi p;
    private final Routes routes;

    FulfillmentConnectorsHandler(WarehouseConnectorsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get("/v1/fulfillment/connectors", this::list).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/connectors", this::create).requires(WAREHOUSE_ADMIN),
                get("/v1/fulfillment/connectors/{id}", this::read).requires(WAREHOUSE_READ),
                patch("/v1/fulfillment/connectors/{id}", this::change).requires(WAREHOUSE_ADMIN),
                delete("/v1/fulfillment/connectors/{id}", this::remove).requires(WAREHOUSE_ADMIN),
                post("/v1/fulfillment/connectors/{id}/test", this::test).requires(WAREHOUSE_ADMIN),
                post("/v1/fulfillment/connectors/{id}/sync-inventory", this::syncInventory).requires(WAREHOUSE_ADMIN),
                post("/v1/fulfillment/connectors/{id}/push-fulfillment", this::pushFulfillment).requires(WAREHOUSE_ADMIN),
                get("/v1/fulfillment/connectors/{id}/logs", this::logs).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String type = r.query("type");
        if (type != null && !FulfilmentConnector.TYPES.contains(type)) {
            throw DomainException.invalidField("type", "field.not_allowed", "type is one of " + FulfilmentConnector.TYPES.stream().sorted().toList());
        }
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        p.connectors.list(r.command(), type, r.query("warehouse_id")).forEach(c -> data.add(view(c)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiResponse.ok(body);
    }

    private ApiResponse read(ApiRequest r) {
        FulfilmentConnector c = p.connectors.get(r.command(), r.pathParam("id"));
        ObjectNode v = view(c);
        v.set("health", health(r, c));
        return ApiResponse.ok(v).withVersion(c.version());
    }

    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow(FIELDS.toArray(String[]::new));
        ConnectorChange c = change(b, true);
        b.check();
        return r.execute(x -> ApiResponse.created(view(x), "/v1/fulfillment/connectors/" + x.id()).withVersion(x.version()),
                ctx -> p.connectors.create(ctx, c));
    }

    private ApiResponse change(ApiRequest r) {
        String id = r.pathParam("id");
        Body b = Body.parse(r.body());
        b.allow("name", "adapter", "warehouse_id", "config", "secrets", "priority", "enabled", "version");
        ConnectorChange c = change(b, false);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        if (b.errors().isEmpty() && b.node().size() == (b.node().has("version") ? 1 : 0)) {
            b.error("name", "field.required", "Send at least one field to change");
        }
        b.check();
        return r.execute(x -> ApiResponse.ok(view(x)).withVersion(x.version()), ctx -> p.connectors.update(ctx, id, c));
    }

    private ApiResponse remove(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        String id = r.pathParam("id");
        return r.execute(x -> ApiResponse.noContent(), ctx -> p.connectors.delete(ctx, id));
    }

    /**
     * A real round trip, two steps each timed and logged: {@code push_sample} (a sample pick list the provider checks
     * and never ships: the signed-HTTP partner's {@code /fulfillments/validate}, a hidden SFTP file written, read back
     * and removed) and {@code pull_inventory} (the provider's availability of {@code skus}, or all it reports).
     */
    private ApiResponse test(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("skus");
        List<String> skus = b.strings("skus", false, 1, 20, 100);
        b.check();
        var ctx = r.command();
        FulfilmentConnector c = p.connectors.get(ctx, r.pathParam("id"));
        var config = FulfilmentConnectors.config(ctx.tenantId(), c);
        FulfillmentProvider.Dispatch sample = new FulfillmentProvider.Dispatch("ord_TEST", 0, "ful_TEST", c.warehouseId(),
                List.of(new FulfillmentProvider.Item("lin_TEST", "OMS-TEST-SKU", 1)),
                new dev.oms.domain.order.Address("OMS Connector Test", null, "1 Test Street", null, "London", null, "EC1A 1AA", "GB", null, null),
                null, null, "connector-test");
        ObjectNode out = Json.object();
        out.put("connector_id", c.id());
        out.put("adapter", c.adapter());
        ArrayNode steps = out.putArray("steps");
        boolean ok = step(steps, "push_sample", () -> p.calls.callConnector(c.id(), config, FulfillmentProvider.class, "test_push",
                provider -> provider.probe(ctx.tenantId(), sample)));
        ok &= step(steps, "pull_inventory", () -> {
            Map<String, Long> held = p.calls.callConnector(c.id(), config, FulfillmentProvider.class, "test_inventory",
                    provider -> provider.availability(ctx.tenantId(), skus == null ? List.of() : skus));
            return "the provider reported " + held.size() + " SKUs" + (held.isEmpty() ? "" : " (" + String.join(", ",
                    held.entrySet().stream().limit(5).map(e -> e.getKey() + ": " + e.getValue()).toList()) + (held.size() > 5 ? ", ..." : "") + ")");
        });
        out.put("ok", ok);
        out.put("tested_at", Times.format(p.clock.instant()));
        return ApiResponse.ok(out);
    }

    private boolean step(ArrayNode steps, String name, java.util.function.Supplier<String> run) {
        ObjectNode s = steps.addObject();
        s.put("step", name);
        long t0 = System.nanoTime();
        try {
            s.put("ok", true);
            s.put("detail", run.get());
            s.putNull("error");
        } catch (DomainException e) { // a ConnectorException (no answer) is connector.unavailable
            s.put("ok", false);
            s.putNull("detail");
            s.putObject("error").put("code", e.code()).put("detail", e.getMessage());
        }
        s.put("latency_ms", (System.nanoTime() - t0) / 1_000_000);
        return s.path("ok").asBoolean();
    }

    /** {@code {"skus"?}}: a job that compares the provider's availability with the OMS's stock in the connector's warehouse. */
    private ApiResponse syncInventory(ApiRequest r) {
        Body b = Body.parseOptional(r.body());
        b.allow("skus");
        List<String> skus = b.strings("skus", false, 1, MAX_SYNC_SKUS, 100);
        b.check();
        FulfilmentConnector c = p.connectors.usable(r.command(), r.pathParam("id"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connector_id", c.id());
        params.put("warehouse_id", c.warehouseId());
        if (skus != null) params.put("skus", skus);
        return JobSubmission.submit(r, p.jobs, p.jobs.service.newId(), JobKind.CONNECTOR_INVENTORY_SYNC, params, false, view -> { });
    }

    /**
     * {@code {"fulfillment_id"}}: a job that hands the fulfilment to the provider once. A fulfilment already pushed to
     * this connector answers 200 with that push (no job; the provider is not called again).
     */
    private ApiResponse pushFulfillment(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("fulfillment_id");
        String fulfillmentId = b.string("fulfillment_id", true, 64);
        b.check();
        var ctx = r.command();
        FulfilmentConnector c = p.connectors.usable(ctx, r.pathParam("id"));
        var found = WarehouseFulfilments.find(p.orders, ctx, fulfillmentId);
        var f = found.fulfillment();
        if (!c.warehouseId().equals(f.warehouseId())) {
            throw DomainException.unprocessable("fulfillment_connector.warehouse_mismatch", "The fulfilment " + fulfillmentId + " ships from "
                    + f.warehouseId() + "; the connector " + c.id() + " serves " + c.warehouseId(), "Push it to a connector of its warehouse.")
                    .with("warehouse_id", f.warehouseId());
        }
        var pushed = p.connectors.push(ctx, c.id(), fulfillmentId);
        if (pushed.isPresent()) return ApiResponse.ok(pushView(pushed.get()));
        if (f.status() == FulfillmentStatus.CANCELLED || f.status().isShipped()) {
            throw DomainException.conflict("fulfillment_connector.not_pushable", "The fulfilment " + fulfillmentId + " is " + f.status().wire()
                    + "; only a fulfilment still to ship is pushed", "Nothing to hand over.");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connector_id", c.id());
        params.put("fulfillment_id", fulfillmentId);
        params.put("order_id", found.order().id());
        return JobSubmission.submit(r, p.jobs, p.jobs.service.newId(), JobKind.CONNECTOR_PUSH, params, false, view -> { });
    }

    private ApiResponse logs(ApiRequest r) {
        FulfilmentConnector c = p.connectors.get(r.command(), r.pathParam("id"));
        String fingerprint = "fulfillment-connector-logs|" + c.id();
        return Pages.render(p.callLog.connectorCalls(r.command().tenantId(), c.id(), r.page(p.cursors, fingerprint)), ConnectorViews::call,
                p.cursors, fingerprint);
    }

    /** Health from the connector's last 100 calls (its own log): when it last worked and failed, and its error rate. */
    private ObjectNode health(ApiRequest r, FulfilmentConnector c) {
        var h = p.callLog.connectorHealth(r.command().tenantId(), c.id(), c.adapter());
        ObjectNode o = Json.object();
        o.put("last_success_at", Times.format(h.lastSuccessAt()));
        o.put("last_failure_at", Times.format(h.lastFailureAt()));
        o.put("last_error", h.lastError());
        o.put("error_rate", h.errorRate());
        o.put("sample_size", h.sampleSize());
        return o;
    }

    /** The fields of a create (name, type, warehouse_id required) or a change (each optional; type never changes). */
    private static ConnectorChange change(Body b, boolean create) {
        String name = b.string("name", create, 200);
        String type = create ? b.oneOf("type", true, FulfilmentConnector.TYPES) : null;
        String adapter = b.oneOf("adapter", false, java.util.Set.of("http", "sftp", "sandbox"));
        String warehouse = b.string("warehouse_id", create, 64);
        Map<String, String> settings = b.stringMap("config");
        Map<String, String> secrets = b.stringMap("secrets");
        Long priority = b.integer("priority", false, 0, FulfilmentConnector.MAX_PRIORITY);
        Boolean enabled = b.bool("enabled", false);
        return new ConnectorChange(name, type, adapter, warehouse, settings, secrets, priority == null ? null : priority.intValue(), enabled);
    }

    static ObjectNode view(FulfilmentConnector c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("type", c.type());
        o.put("adapter", c.adapter());
        o.put("warehouse_id", c.warehouseId());
        o.set("config", Json.valueToTree(new java.util.TreeMap<>(c.settings())));
        o.set("secrets", Json.valueToTree(new java.util.TreeMap<>(c.secrets())));
        o.put("priority", c.priority());
        o.put("enabled", c.enabled());
        o.put("version", c.version());
        o.put("created_at", Times.format(c.createdAt()));
        o.put("updated_at", Times.format(c.updatedAt()));
        o.put("updated_by", c.updatedBy());
        return o;
    }

    static ObjectNode pushView(ConnectorPush x) {
        ObjectNode o = Json.object();
        o.put("status", "already_pushed");
        o.put("connector_id", x.connectorId());
        o.put("fulfillment_id", x.fulfillmentId());
        o.put("order_id", x.orderId());
        o.put("warehouse_id", x.warehouseId());
        o.put("provider_reference", x.providerReference());
        o.put("job_id", x.jobId());
        o.put("pushed_at", Times.format(x.pushedAt()));
        o.put("pushed_by", x.pushedBy());
        return o;
    }
}
