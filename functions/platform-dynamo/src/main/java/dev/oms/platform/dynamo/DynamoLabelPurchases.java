package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.LabelPurchases;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Label (and pickup) purchases: {@code T#{tenant}#LABEL_PURCHASE#{adapter}#{key} / A}, written before the label is
 * bought; a bought label's tracking number leads to its vendor shipment ({@code T#{tenant}#CARRIER_TRACKING#...}).
 */
public final class DynamoLabelPurchases implements LabelPurchases {
    private final SingleTable table;
    private final Clock clock;

    public DynamoLabelPurchases(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Purchase> find(String tenantId, String adapter, String key) {
        return table.get(ConnectorKeys.labelPurchase(tenantId, adapter, key), Keys.SINGLE).map(i -> new Purchase(key,
                Shapes.text(i, "vendor_shipment_id"), Shapes.text(i, "state"), Shapes.text(i, "tracking_number"),
                Shapes.text(i, "carrier"), Shapes.text(i, "service"), Shapes.text(i, "archive_key")));
    }

    @Override
    public boolean recordIntent(String tenantId, String adapter, String key, String vendorShipmentId) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, ConnectorKeys.labelPurchase(tenantId, adapter, key));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "label_purchase");
        item.put("state", "intent");
        item.put("vendor_shipment_id", vendorShipmentId);
        item.put("created_at", Times.format(clock.instant()));
        try {
            table.put(item, Expression.of("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void recordBought(String tenantId, String adapter, String key, String trackingNumber, String carrier, String service, String archiveKey) {
        ObjectNode item = find(tenantId, adapter, key).map(p -> {
            ObjectNode o = Json.object();
            o.put("vendor_shipment_id", p.vendorShipmentId());
            return o;
        }).orElse(Json.object());
        item.put(Keys.PK, ConnectorKeys.labelPurchase(tenantId, adapter, key));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "label_purchase");
        item.put("state", "bought");
        item.put("tracking_number", trackingNumber);
        item.put("carrier", carrier);
        item.put("service", service);
        item.put("archive_key", archiveKey);
        item.put("bought_at", Times.format(clock.instant()));
        table.put(item);
        String vendorShipmentId = Shapes.text(item, "vendor_shipment_id");
        if (trackingNumber != null && vendorShipmentId != null) {
            ObjectNode byTracking = Json.object();
            byTracking.put(Keys.PK, ConnectorKeys.carrierTracking(tenantId, adapter, trackingNumber));
            byTracking.put(Keys.SK, Keys.SINGLE);
            byTracking.put("type", "carrier_tracking");
            byTracking.put("vendor_shipment_id", vendorShipmentId);
            table.put(byTracking);
        }
    }

    @Override
    public Optional<String> vendorShipmentOfTracking(String tenantId, String adapter, String trackingNumber) {
        return table.get(ConnectorKeys.carrierTracking(tenantId, adapter, trackingNumber), Keys.SINGLE)
                .map(i -> Shapes.text(i, "vendor_shipment_id"));
    }

    @Override
    public void recordShipment(String tenantId, String adapter, String vendorShipmentId, String orderId, String shipmentId) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, ConnectorKeys.carrierShipment(tenantId, adapter, vendorShipmentId));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "carrier_shipment");
        item.put("order_id", orderId);
        item.put("shipment_id", shipmentId);
        table.put(item);
    }

    @Override
    public Optional<String[]> shipmentOf(String tenantId, String adapter, String vendorShipmentId) {
        return table.get(ConnectorKeys.carrierShipment(tenantId, adapter, vendorShipmentId), Keys.SINGLE)
                .map(i -> new String[] {Shapes.text(i, "order_id"), Shapes.text(i, "shipment_id")});
    }
}
