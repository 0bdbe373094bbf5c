package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.Actor;
import dev.oms.domain.DomainEvent;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;

/**
 * Event items: the outbox (the stream publisher sends them on), the order's timeline and the tenant's audit log
 * (GSI1 by time, GSI2 by actor, GSI3 by action).
 */
public final class EventItemMapper {
    public static final int SCHEMA_VERSION = 1;

    private EventItemMapper() { }

    public static ObjectNode toItem(String pk, String eventId, String tenant, String orderId, long sequence,
                                    DomainEvent e, CommandMeta meta) {
        String at = Times.format(meta.occurredAt());
        String sortKey = at + "#" + eventId;
        ObjectNode o = Json.object();
        o.put(Keys.PK, pk);
        o.put(Keys.SK, Keys.eventSk(eventId));
        o.put("type", "event");
        o.put(Keys.GSI1PK, Keys.audit(tenant, eventId));
        o.put(Keys.GSI1SK, sortKey);
        o.put(Keys.GSI2PK, Keys.auditByActor(tenant, meta.actor().id(), eventId));
        o.put(Keys.GSI2SK, sortKey);
        o.put(Keys.GSI3PK, Keys.auditByAction(tenant, e.type(), eventId));
        o.put(Keys.GSI3SK, sortKey);
        o.put("id", eventId);
        o.put("event_type", e.type());
        o.put("schema_version", SCHEMA_VERSION);
        o.put("tenant_id", tenant);
        o.put("order_id", orderId);
        o.put("sequence", sequence);
        o.put("occurred_at", at);
        o.put("correlation_id", meta.correlationId());
        o.put("actor_id", meta.actor().id());
        o.put("actor_type", meta.actor().type());
        o.put("reason", e.reason() != null ? e.reason() : meta.reason());
        ObjectNode md = Json.object();
        meta.metadata().forEach(md::put);
        e.metadata().forEach(md::put);
        o.set("metadata", md);
        o.set("data", Json.valueToTree(e.data()));
        // audit only (the event envelope leaves these out): the actor's roles and the client's address
        if (!meta.actorRoles().isEmpty()) meta.actorRoles().forEach(o.putArray("actor_roles")::add);
        if (meta.clientIp() != null) o.put("client_ip", meta.clientIp());
        return o;
    }

    /**
     * An event of another aggregate than an order (a picklist, a manifest, a warehouse): no {@code order_id}, the
     * aggregate named by {@code aggregate_type} and {@code aggregate_id}, {@code sequence} the aggregate's version.
     * Written in the same transaction as the aggregate, it reaches EventBridge and webhooks like an order event
     * (see {@code EventEnvelope}: {@code order_id} null and {@code subject}), and the tenant's audit log.
     */
    public static ObjectNode toAggregateItem(String pk, String eventId, String tenant, String aggregateType,
                                             String aggregateId, long sequence, DomainEvent e, CommandMeta meta) {
        ObjectNode o = toItem(pk, eventId, tenant, null, sequence, e, meta);
        o.remove("order_id");
        o.put("aggregate_type", aggregateType);
        o.put("aggregate_id", aggregateId);
        return o;
    }

    public static StoredEvent fromItem(JsonNode o) {
        return new StoredEvent(Shapes.text(o, "id"), Shapes.text(o, "event_type"), o.path("schema_version").asInt(1),
                Shapes.text(o, "tenant_id"), Shapes.text(o, "order_id"), o.path("sequence").asLong(),
                Times.parse(Shapes.text(o, "occurred_at")), Shapes.text(o, "correlation_id"),
                new Actor(Shapes.text(o, "actor_id"), Shapes.text(o, "actor_type")), Shapes.text(o, "reason"),
                Shapes.stringMap(o.path("metadata")), Json.toMap(o.path("data").isObject() ? o.path("data") : Json.object()),
                roles(o.path("actor_roles")), Shapes.text(o, "client_ip"));
    }

    private static java.util.List<String> roles(JsonNode a) {
        java.util.List<String> out = new java.util.ArrayList<>();
        a.forEach(r -> out.add(r.asText()));
        return out;
    }
}
