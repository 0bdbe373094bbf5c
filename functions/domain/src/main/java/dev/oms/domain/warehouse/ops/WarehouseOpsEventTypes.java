package dev.oms.domain.warehouse.ops;

import java.util.Set;

/**
 * The events of the warehouse operations configuration (routing rules, packaging profiles, devices, fulfilment connectors). They are events
 * of their own aggregates: {@code order_id} null and a {@code subject} in the envelope; part of
 * {@code OrderEventTypes.ALL}, so webhooks may filter on them.
 */
public final class WarehouseOpsEventTypes {
    public static final String ROUTING_RULE_CREATED = "routing_rule.created";
    public static final String PACKAGING_PROFILE_CREATED = "packaging_profile.created";
    public static final String PACKAGING_PROFILE_UPDATED = "packaging_profile.updated";
    public static final String DEVICE_REGISTERED = "device.registered";
    public static final String FULFILLMENT_CONNECTOR_CREATED = "fulfillment_connector.created";
    public static final String FULFILLMENT_CONNECTOR_UPDATED = "fulfillment_connector.updated";
    public static final String FULFILLMENT_CONNECTOR_DELETED = "fulfillment_connector.deleted";
    public static final String FULFILLMENT_CONNECTOR_PUSHED = "fulfillment_connector.pushed";
    public static final Set<String> ALL = Set.of(ROUTING_RULE_CREATED, PACKAGING_PROFILE_CREATED, PACKAGING_PROFILE_UPDATED, DEVICE_REGISTERED,
            FULFILLMENT_CONNECTOR_CREATED, FULFILLMENT_CONNECTOR_UPDATED, FULFILLMENT_CONNECTOR_DELETED, FULFILLMENT_CONNECTOR_PUSHED);

    private WarehouseOpsEventTypes() { }
}
