package dev.oms.platform.connectors.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.observability.ConnectorCallContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Fulfilment connectors across functions: the API function that tests a tenant's fulfilment connectors does not carry
 * the file-drop adapter's SSH library (Apache MINA SSHD, 2 MiB), so its calls to a connector go to
 * {@code FulfillmentProvidersFunction}, one synchronous Lambda invocation each ({@link Client}), which runs them
 * through its own registry (circuit breaker, the connector's call log) and answers the result or the refusal
 * ({@link #serve}). The wire format of both sides:
 *
 * <pre>
 * request: {"connector_id", "config": {tenant_id, port, adapter, settings, secrets (references), version, updated_at,
 *           updated_by}, "operation": dispatch|cancel|availability|probe, "tenant_id", and the operation's arguments
 *           ("dispatch": {...}, "order_id", "fulfillment_id", "reason", "idempotency_key", "skus"), "correlation_id"}
 * answer:  {"provider_reference"} | {"cancelled"} | {"availability": {sku: units}} | {"probe"}
 *          | {"error": {"kind", "code", "message", "explain", "details"}}
 * </pre>
 */
public final class ProviderRelay {
    private ProviderRelay() { }

    /** Serves one relayed call with this function's registry. */
    public static ObjectNode serve(JsonNode request, Connectors connectors) {
        ObjectNode out = Json.object();
        String operation = request.path("operation").asText("");
        String connectorId = request.path("connector_id").asText(null);
        String tenant = request.path("tenant_id").asText(null);
        ConnectorConfig config;
        try {
            config = config(request.path("config"));
        } catch (RuntimeException e) {
            return RelayAnswers.error(out, new ConnectorException("fulfillment_provider", operation, "the relayed call names no readable connector"));
        }
        if (connectorId == null || tenant == null || !tenant.equals(config.tenantId())) {
            return RelayAnswers.error(out, new ConnectorException("fulfillment_provider", operation, "the relayed call names no connector of its tenant"));
        }
        String loggedAs = request.path("logged_as").asText(operation);
        ConnectorCallContext.correlationId(request.path("correlation_id").asText(null));
        try {
            switch (operation) {
                case "dispatch" -> {
                    FulfillmentProvider.Dispatched d = connectors.callConnector(connectorId, config, FulfillmentProvider.class, loggedAs,
                            p -> p.dispatch(tenant, dispatch(request.path("dispatch")), request.path("idempotency_key").asText(null)));
                    out.put("provider_reference", d.providerReference());
                }
                case "cancel" -> {
                    boolean cancelled = connectors.callConnector(connectorId, config, FulfillmentProvider.class, loggedAs,
                            p -> p.cancel(tenant, request.path("order_id").asText(null), request.path("fulfillment_id").asText(null),
                                    request.path("reason").asText(null), request.path("idempotency_key").asText(null)));
                    out.put("cancelled", cancelled);
                }
                case "availability" -> {
                    List<String> skus = new ArrayList<>();
                    request.path("skus").forEach(s -> skus.add(s.asText()));
                    Map<String, Long> held = connectors.callConnector(connectorId, config, FulfillmentProvider.class, loggedAs,
                            p -> p.availability(tenant, skus));
                    ObjectNode a = out.putObject("availability");
                    held.forEach(a::put);
                }
                case "probe" -> {
                    String said = connectors.callConnector(connectorId, config, FulfillmentProvider.class, loggedAs,
                            p -> p.probe(tenant, dispatch(request.path("dispatch"))));
                    out.put("probe", said);
                }
                default -> RelayAnswers.error(out, new ConnectorException("fulfillment_provider", operation, "the relay has no such operation"));
            }
        } catch (DomainException e) {
            RelayAnswers.error(out, e);
        }
        return out;
    }

    /** The fulfilment provider of one connector, each call relayed by {@code transport}. */
    public static final class Client implements FulfillmentProvider {
        private final String connectorId;
        private final ConnectorConfig config;
        private final UnaryOperator<ObjectNode> transport;
        private final String loggedAs;

        /** {@code loggedAs}: the operation's name in the connector's call log ({@code test_push}, {@code dispatch}, ...). */
        public Client(String connectorId, ConnectorConfig config, String loggedAs, UnaryOperator<ObjectNode> transport) {
            this.connectorId = connectorId;
            this.config = config;
            this.transport = transport;
            this.loggedAs = loggedAs;
        }

        @Override
        public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
            ObjectNode r = request(tenantId, "dispatch");
            r.set("dispatch", ProviderRelay.dispatch(request));
            r.put("idempotency_key", idempotencyKey);
            return new Dispatched(call(r).path("provider_reference").asText(null));
        }

        @Override
        public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
            ObjectNode r = request(tenantId, "cancel").put("order_id", orderId).put("fulfillment_id", fulfillmentId)
                    .put("reason", reason).put("idempotency_key", idempotencyKey);
            return call(r).path("cancelled").asBoolean();
        }

        @Override
        public Map<String, Long> availability(String tenantId, List<String> skus) {
            ObjectNode r = request(tenantId, "availability");
            var a = r.putArray("skus");
            skus.forEach(a::add);
            Map<String, Long> held = new LinkedHashMap<>();
            call(r).path("availability").properties().forEach(e -> held.put(e.getKey(), e.getValue().asLong()));
            return held;
        }

        @Override
        public String probe(String tenantId, Dispatch sample) {
            ObjectNode r = request(tenantId, "probe");
            r.set("dispatch", ProviderRelay.dispatch(sample));
            return call(r).path("probe").asText(null);
        }

        private ObjectNode request(String tenantId, String operation) {
            ObjectNode r = Json.object().put("connector_id", connectorId).put("operation", operation).put("tenant_id", tenantId);
            r.set("config", config(config));
            r.put("logged_as", loggedAs);
            String correlation = ConnectorCallContext.correlationId();
            if (correlation != null) r.put("correlation_id", correlation);
            return r;
        }

        private JsonNode call(ObjectNode request) { return RelayAnswers.orThrow(transport.apply(request)); }
    }

    static ObjectNode config(ConnectorConfig c) {
        ObjectNode o = Json.object().put("tenant_id", c.tenantId()).put("port", c.port().wireName()).put("adapter", c.adapter())
                .put("version", c.version()).put("updated_at", c.updatedAt() == null ? null : c.updatedAt().toString()).put("updated_by", c.updatedBy());
        o.set("settings", Json.valueToTree(c.settings()));
        o.set("secrets", Json.valueToTree(c.secrets()));
        return o;
    }

    static ConnectorConfig config(JsonNode o) {
        Map<String, String> settings = Shapes.stringMap(o.get("settings"));
        Map<String, String> secrets = Shapes.stringMap(o.get("secrets"));
        ConnectorPort port = ConnectorPort.parse(o.path("port").asText("")).orElseThrow();
        String updatedAt = o.path("updated_at").asText(null);
        return new ConnectorConfig(o.path("tenant_id").asText(null), port, o.path("adapter").asText(null), settings, secrets,
                o.path("version").asLong(), updatedAt == null ? null : Instant.parse(updatedAt), o.path("updated_by").asText(null));
    }

    static ObjectNode dispatch(FulfillmentProvider.Dispatch d) {
        ObjectNode o = Json.object().put("order_id", d.orderId()).put("order_number", d.orderNumber()).put("fulfillment_id", d.fulfillmentId())
                .put("warehouse_id", d.warehouseId()).put("carrier_hint", d.carrierHint()).put("service_code", d.serviceCode())
                .put("shipment_reference", d.shipmentReference());
        var items = o.putArray("items");
        for (FulfillmentProvider.Item i : d.items()) items.addObject().put("line_id", i.lineId()).put("sku", i.sku()).put("quantity", i.quantity());
        if (d.shipTo() != null) o.set("ship_to", Shapes.address(d.shipTo()));
        return o;
    }

    static FulfillmentProvider.Dispatch dispatch(JsonNode o) {
        List<FulfillmentProvider.Item> items = new ArrayList<>();
        o.path("items").forEach(i -> items.add(new FulfillmentProvider.Item(i.path("line_id").asText(null), i.path("sku").asText(null), i.path("quantity").asLong())));
        return new FulfillmentProvider.Dispatch(o.path("order_id").asText(null), o.path("order_number").asLong(), o.path("fulfillment_id").asText(null),
                o.path("warehouse_id").asText(null), items, Shapes.address(o.get("ship_to")), o.path("carrier_hint").asText(null), o.path("service_code").asText(null),
                o.path("shipment_reference").asText(null));
    }
}
