package dev.oms.app.warehouseops;

import dev.oms.app.port.RecordedEvent;
import dev.oms.app.CommandContext;
import dev.oms.app.connector.registry.AdapterSpec;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.WarehouseOpsStore;
import dev.oms.app.warehouse.WarehouseDirectory;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.warehouse.ops.ConnectorPush;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.domain.warehouse.ops.WarehouseOpsEventTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's fulfilment connectors (seed 003 section 7): registered for one warehouse, listed by priority, changed
 * under their version, deleted (kept as {@code deleted}: their pushes and call log stay). The adapter's settings and
 * secret references are checked by its {@link AdapterSpec} like the connector registry's; a secret is never stored.
 * A caller scoped to one warehouse sees only that warehouse's connectors (another's is 404).
 */
public final class FulfilmentConnectors {
    static final int MAX_ATTEMPTS = 12;

    private final WarehouseOpsStore store;
    private final WarehouseDirectory warehouses;
    private final IdGenerator ids;
    private final Clock clock;

    public FulfilmentConnectors(WarehouseOpsStore store, WarehouseDirectory warehouses, IdGenerator ids, Clock clock) {
        this.store = store;
        this.warehouses = warehouses;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What a create sets (name, type and warehouse required) or a change sets (null: unchanged; {@code settings} and
     * {@code secrets}, when given, replace the adapter's whole configuration).
     */
    public record ConnectorChange(String name, String type, String adapter, String warehouseId, Map<String, String> settings,
                                  Map<String, String> secrets, Integer priority, Boolean enabled) { }

    /** The connectors the caller may see, by priority (lower first), then id; {@code type} and {@code warehouseId} filter. */
    public List<FulfilmentConnector> list(CommandContext ctx, String type, String warehouseId) {
        List<FulfilmentConnector> out = new ArrayList<>();
        for (FulfilmentConnector c : store.fulfilmentConnectors(ctx.tenantId())) {
            if (c.deleted() || !ctx.caller().mayUseWarehouse(c.warehouseId())) continue;
            if ((type == null || type.equals(c.type())) && (warehouseId == null || warehouseId.equals(c.warehouseId()))) out.add(c);
        }
        out.sort(Comparator.comparingInt(FulfilmentConnector::priority).thenComparing(FulfilmentConnector::id));
        return out;
    }

    public FulfilmentConnector get(CommandContext ctx, String connectorId) {
        return store.fulfilmentConnector(ctx.tenantId(), connectorId)
                .filter(c -> !c.deleted() && ctx.caller().mayUseWarehouse(c.warehouseId()))
                .orElseThrow(() -> DomainException.notFound("fulfillment_connector.not_found", "No fulfilment connector " + connectorId));
    }

    /** The connector, enabled: a disabled one refuses to be used (409 {@code fulfillment_connector.disabled}). */
    public FulfilmentConnector usable(CommandContext ctx, String connectorId) {
        FulfilmentConnector c = get(ctx, connectorId);
        if (!c.enabled()) {
            throw DomainException.conflict("fulfillment_connector.disabled", "The fulfilment connector " + connectorId + " is disabled",
                    "Enable it with PATCH {\"enabled\": true} first.");
        }
        return c;
    }

    /** What the connector registry builds the adapter from: the port {@code fulfillment_provider} and the connector's version. */
    public static ConnectorConfig config(String tenantId, FulfilmentConnector c) {
        return new ConnectorConfig(tenantId, ConnectorPort.FULFILLMENT_PROVIDER, c.adapter(), c.settings(), c.secrets(), c.version(),
                c.updatedAt(), c.updatedBy());
    }

    public FulfilmentConnector create(CommandContext ctx, ConnectorChange c) {
        long live = store.fulfilmentConnectors(ctx.tenantId()).stream().filter(x -> !x.deleted()).count();
        if (live >= FulfilmentConnector.MAX_CONNECTORS) {
            throw DomainException.conflict("fulfillment_connector.too_many", "A tenant has at most " + FulfilmentConnector.MAX_CONNECTORS
                    + " fulfilment connectors", "Delete a connector you no longer use.");
        }
        dev.oms.app.security.WarehouseScope.require(ctx.caller(), c.warehouseId());
        warehouses.get(ctx, c.warehouseId());
        Instant now = clock.instant();
        String adapter = c.adapter() != null ? c.adapter() : FulfilmentConnector.adapters(c.type()).get(0);
        FulfilmentConnector x = new FulfilmentConnector(ids.next("fcn"), c.name(), c.type(), adapter, c.warehouseId(),
                c.settings() == null ? Map.of() : c.settings(), c.secrets() == null ? Map.of() : c.secrets(),
                c.priority() == null ? 100 : c.priority(), c.enabled() == null || c.enabled(), FulfilmentConnector.ACTIVE, 1, now, now,
                ctx.caller().subject());
        check(x);
        store.saveFulfilmentConnector(ctx.tenantId(), x, 0, event(ctx, now, WarehouseOpsEventTypes.FULFILLMENT_CONNECTOR_CREATED, x, null),
                ctx.journal().recordFor(x));
        ctx.journal().written();
        return x;
    }

    /** Without an expected version, a change that loses a race to another is re-read and applied on top. */
    public FulfilmentConnector update(CommandContext ctx, String connectorId, ConnectorChange c) {
        return retrying(ctx, () -> updateOnce(ctx, connectorId, c));
    }

    public FulfilmentConnector delete(CommandContext ctx, String connectorId) {
        return retrying(ctx, () -> {
            FulfilmentConnector current = current(ctx, connectorId);
            Instant now = clock.instant();
            FulfilmentConnector next = new FulfilmentConnector(current.id(), current.name(), current.type(), current.adapter(), current.warehouseId(),
                    current.settings(), current.secrets(), current.priority(), false, FulfilmentConnector.DELETED, current.version() + 1,
                    current.createdAt(), now, ctx.caller().subject());
            store.saveFulfilmentConnector(ctx.tenantId(), next, current.version(),
                    event(ctx, now, WarehouseOpsEventTypes.FULFILLMENT_CONNECTOR_DELETED, next, null), ctx.journal().recordFor(next));
            ctx.journal().written();
            return next;
        });
    }

    public Optional<ConnectorPush> push(CommandContext ctx, String connectorId, String fulfillmentId) {
        return store.connectorPush(ctx.tenantId(), connectorId, fulfillmentId);
    }

    /**
     * Records a push the provider accepted, with its {@code fulfillment_connector.pushed} event; a second record of
     * the same fulfilment and connector changes nothing and answers the first.
     */
    public ConnectorPush recordPush(CommandContext ctx, FulfilmentConnector c, String fulfillmentId, String orderId, String reference, String jobId) {
        Instant now = clock.instant();
        ConnectorPush push = new ConnectorPush(c.id(), fulfillmentId, orderId, c.warehouseId(), reference, jobId, now, ctx.caller().subject());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connector_id", c.id());
        data.put("fulfillment_id", fulfillmentId);
        data.put("order_id", orderId);
        data.put("warehouse_id", c.warehouseId());
        data.put("provider_reference", reference);
        data.put("job_id", jobId);
        if (store.recordConnectorPush(ctx.tenantId(), push, OpsEvents.of(ctx, ids, now, WarehouseOpsEventTypes.FULFILLMENT_CONNECTOR_PUSHED, data))) {
            return push;
        }
        return store.connectorPush(ctx.tenantId(), c.id(), fulfillmentId).orElse(push);
    }

    private FulfilmentConnector updateOnce(CommandContext ctx, String connectorId, ConnectorChange c) {
        FulfilmentConnector current = current(ctx, connectorId);
        if (c.warehouseId() != null && !c.warehouseId().equals(current.warehouseId())) {
            dev.oms.app.security.WarehouseScope.require(ctx.caller(), c.warehouseId());
            warehouses.get(ctx, c.warehouseId());
        }
        Instant now = clock.instant();
        String adapter = c.adapter() == null ? current.adapter() : c.adapter();
        boolean adapterChanged = !adapter.equals(current.adapter());
        Map<String, String> settings = c.settings() != null ? c.settings() : adapterChanged ? Map.of() : current.settings();
        Map<String, String> secrets = c.secrets() != null ? c.secrets() : adapterChanged ? Map.of() : current.secrets();
        FulfilmentConnector next = new FulfilmentConnector(current.id(), c.name() == null ? current.name() : c.name(), current.type(), adapter,
                c.warehouseId() == null ? current.warehouseId() : c.warehouseId(), settings, secrets,
                c.priority() == null ? current.priority() : c.priority(), c.enabled() == null ? current.enabled() : c.enabled(),
                FulfilmentConnector.ACTIVE, current.version() + 1, current.createdAt(), now, ctx.caller().subject());
        check(next);
        store.saveFulfilmentConnector(ctx.tenantId(), next, current.version(),
                event(ctx, now, WarehouseOpsEventTypes.FULFILLMENT_CONNECTOR_UPDATED, next, changedFields(current, next)), ctx.journal().recordFor(next));
        ctx.journal().written();
        return next;
    }

    private FulfilmentConnector current(CommandContext ctx, String connectorId) {
        FulfilmentConnector current = get(ctx, connectorId);
        if (ctx.expectedVersion() != null && ctx.expectedVersion() != current.version()) throw conflict(current.version());
        return current;
    }

    private static FulfilmentConnector retrying(CommandContext ctx, java.util.function.Supplier<FulfilmentConnector> once) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once.get();
            } catch (ConcurrentUpdateException e) {
                if (ctx.expectedVersion() != null || attempt >= MAX_ATTEMPTS) throw conflict(e.currentVersion());
            }
        }
    }

    /** The adapter fits the type and takes these settings and secrets (every problem at once, 400 {@code request.invalid}). */
    static void check(FulfilmentConnector c) {
        List<String> adapters = FulfilmentConnector.adapters(c.type());
        if (!adapters.contains(c.adapter())) {
            throw DomainException.unprocessable("connector.adapter_not_supported", "A " + c.type() + " connector uses one of " + adapters,
                    "Choose an adapter the type takes.").with("adapters", adapters);
        }
        List<FieldError> errors = new ArrayList<>();
        for (FieldError e : AdapterSpec.of(c.adapter()).check(c.settings(), c.secrets())) {
            errors.add(new FieldError(e.field().startsWith("settings.") ? "config." + e.field().substring("settings.".length()) : e.field(),
                    e.code(), e.message()));
        }
        if (c.priority() < 0 || c.priority() > FulfilmentConnector.MAX_PRIORITY) {
            errors.add(new FieldError("priority", "field.out_of_range", "priority is 0 to " + FulfilmentConnector.MAX_PRIORITY));
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    private static List<String> changedFields(FulfilmentConnector a, FulfilmentConnector b) {
        List<String> out = new ArrayList<>();
        if (!a.name().equals(b.name())) out.add("name");
        if (!a.adapter().equals(b.adapter())) out.add("adapter");
        if (!a.warehouseId().equals(b.warehouseId())) out.add("warehouse_id");
        if (!a.settings().equals(b.settings())) out.add("config");
        if (!a.secrets().equals(b.secrets())) out.add("secrets");
        if (a.priority() != b.priority()) out.add("priority");
        if (a.enabled() != b.enabled()) out.add("enabled");
        return out;
    }

    private RecordedEvent event(CommandContext ctx, Instant now, String type, FulfilmentConnector c, List<String> changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connector_id", c.id());
        data.put("name", c.name());
        data.put("type", c.type());
        data.put("adapter", c.adapter());
        data.put("warehouse_id", c.warehouseId());
        data.put("priority", (long) c.priority());
        data.put("enabled", c.enabled());
        if (changed != null) data.put("changed", changed);
        return OpsEvents.of(ctx, ids, now, type, data);
    }

    private static DomainException conflict(long current) {
        return DomainException.conflict("fulfillment_connector.version_conflict", "The fulfilment connector has changed since you read it (it is now at version "
                + current + ")", "GET the connector, re-apply your change and send it with the new version.").with("current_version", current);
    }
}
