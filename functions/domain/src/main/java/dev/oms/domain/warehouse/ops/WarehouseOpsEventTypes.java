package dev.oms.domain.warehouse.ops;

import java.util.Set;

/**
 * The events of the warehouse operations configuration (routing rules, packaging profiles, devices). They are events
 * of their own aggregates: {@code order_id} null and a {@code subject} in the envelope; part of
 * {@code OrderEventTypes.ALL}, so webhooks may filter on them.
 */
public final class WarehouseOpsEventTypes {
    public static final String ROUTING_RULE_CREATED = "routing_rule.created";
    public static final String PACKAGING_PROFILE_CREATED = "packaging_profile.created";
    public static final String PACKAGING_PROFILE_UPDATED = "packaging_profile.updated";
    public static final String DEVICE_REGISTERED = "device.registered";
    public static final Set<String> ALL = Set.of(ROUTING_RULE_CREATED, PACKAGING_PROFILE_CREATED, PACKAGING_PROFILE_UPDATED, DEVICE_REGISTERED);

    private WarehouseOpsEventTypes() { }
}
