package dev.oms.platform.dynamo;

import dev.oms.app.connector.registry.ConnectorPort;

/**
 * The keys of the connector registry, health and call log (the access patterns are in docs/data-model.md):
 * {@code T#{tenant}#CONNECTORS} holds one item per configured port ({@code PORT#{port}}) and one health item per port
 * and adapter ({@code HEALTH#{port}#{adapter}}), so the registry is one Query; the calls of a port are their own
 * partition, newest last by time.
 */
public final class ConnectorKeys {
    private ConnectorKeys() { }

    public static String registry(String tenant) { return "T#" + tenant + "#CONNECTORS"; }

    public static String portSk(ConnectorPort port) { return "PORT#" + port.wireName(); }

    public static String healthSk(ConnectorPort port, String adapter) { return "HEALTH#" + port.wireName() + "#" + adapter; }

    public static String calls(String tenant, ConnectorPort port) { return "T#" + tenant + "#CONNECTOR_CALLS#" + port.wireName(); }

    /** The calls of one registered connector (a fulfilment connector), by its id. */
    public static String connectorCalls(String tenant, String connectorId) { return "T#" + tenant + "#CONNECTOR_CALLS#id#" + connectorId; }

    /** A carrier label purchase of the tenant, by the OMS's booking key: recorded before the label is bought. */
    public static String labelPurchase(String tenant, String adapter, String key) { return "T#" + tenant + "#LABEL_PURCHASE#" + adapter + "#" + key; }

    /** An email address the tenant must not write to again (bounce, complaint), by its hash. */
    public static String suppressed(String tenant, String addressHash) { return "T#" + tenant + "#SUPPRESSED#" + addressHash; }

    /** A carrier's shipment id → the OMS order and shipment it belongs to (tracking webhooks). */
    public static String carrierTracking(String tenant, String adapter, String trackingNumber) {
        return "T#" + tenant + "#CARRIER_TRACKING#" + adapter + "#" + trackingNumber;
    }

    public static String carrierShipment(String tenant, String adapter, String vendorShipmentId) {
        return "T#" + tenant + "#CARRIER_SHIPMENT#" + adapter + "#" + vendorShipmentId;
    }

    public static String callSk(String at, String callId) { return at + "#" + callId; }
}
