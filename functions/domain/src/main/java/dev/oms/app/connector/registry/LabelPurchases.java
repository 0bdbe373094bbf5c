package dev.oms.app.connector.registry;

import java.util.Optional;

/**
 * Carrier labels bought exactly once, for carriers without idempotency keys (EasyPost): the intent is recorded (with
 * the vendor's shipment id) before the label is bought; a retry finds it, asks the vendor whether the label was bought
 * and reuses it. Keys are the OMS's booking keys.
 */
public interface LabelPurchases {
    Optional<Purchase> find(String tenantId, String adapter, String key);

    /** Records the intent; answers false when one is already recorded (a concurrent or earlier attempt). */
    boolean recordIntent(String tenantId, String adapter, String key, String vendorShipmentId);

    /** The label was bought: its tracking number, carrier and service, and where its file is archived. */
    void recordBought(String tenantId, String adapter, String key, String trackingNumber, String carrier, String service, String archiveKey);

    /** Which OMS order and shipment a vendor's shipment belongs to (for the vendor's tracking webhooks); the latest wins. */
    void recordShipment(String tenantId, String adapter, String vendorShipmentId, String orderId, String shipmentId);

    /** The OMS order and shipment of a vendor's shipment: {@code [orderId, shipmentId]}. */
    Optional<String[]> shipmentOf(String tenantId, String adapter, String vendorShipmentId);

    /** The vendor's shipment a bought label's tracking number belongs to (recorded with {@link #recordBought}). */
    Optional<String> vendorShipmentOfTracking(String tenantId, String adapter, String trackingNumber);

    /** {@code state}: {@code intent} or {@code bought}. */
    record Purchase(String key, String vendorShipmentId, String state, String trackingNumber, String carrier, String service, String archiveKey) {
        public boolean bought() { return "bought".equals(state); }
    }
}
