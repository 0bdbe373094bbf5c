package dev.oms.domain.job;

import java.util.Locale;

/**
 * What a job does: import orders from a file, export them, change many orders' status, reconcile a feed, create many
 * fulfilments, or book the receipt of many returns.
 */
public enum JobKind {
    IMPORT, EXPORT, BULK_UPDATE_STATUS, BULK_RECONCILE, BULK_FULFILLMENTS, BULK_RECEIVE_RETURNS, GDPR_EXPORT,
    /** Seed 003: warehouse imports of fulfilments or pick lists, and exports of shipments, manifests, exceptions. */
    FULFILLMENT_IMPORT, FULFILLMENT_EXPORT,
    /** Seed 003 section 7: a fulfilment pushed to a fulfilment connector, and a connector's inventory compared with the OMS's. */
    CONNECTOR_PUSH, CONNECTOR_INVENTORY_SYNC,
    /** Seed 003 section 4: the labels of many shipments rendered ({@code POST /v1/fulfillment/shipments/bulk-generate-labels}). */
    SHIPMENT_LABELS,
    /** Seed 003 section 2: many fulfilments allocated ({@code POST /v1/fulfillment/allocations/bulk}). */
    BULK_ALLOCATIONS;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static JobKind fromWire(String value) {
        for (JobKind k : values()) if (k.wire().equals(value)) return k;
        throw new IllegalArgumentException("unknown job kind: " + value);
    }
}
