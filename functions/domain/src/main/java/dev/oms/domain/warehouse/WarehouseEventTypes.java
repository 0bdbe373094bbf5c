package dev.oms.domain.warehouse;

import java.util.Set;

/**
 * The event types of the warehouse's own aggregates (seed 003): warehouses and their resources, allocations, pick lists,
 * pack sessions and packages. Their envelopes have {@code order_id} null and a {@code subject}; part of
 * {@code OrderEventTypes.ALL} so webhooks may filter on them.
 */
public final class WarehouseEventTypes {
    public static final Set<String> ALL = Set.of(
            "warehouse.created", "warehouse.updated", "warehouse.deleted", "warehouse.worker_registered", "warehouse.workstation_created",
            "picklist.created", "picklist.assigned", "picklist.started", "picklist.scanned", "picklist.short_picked", "picklist.completed",
            "picklist.rebinned",
            "pack_station.session_opened", "package.packed", "package.sealed", "serial.assigned", "lot.consumed");

    private WarehouseEventTypes() { }
}
