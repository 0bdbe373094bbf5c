package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.order.Address;
import java.util.List;

/** The carrier the use cases see: each call goes to the adapter the tenant's registry chooses. */
public final class RoutedCarrier implements CarrierService {
    private final Connectors connectors;

    public RoutedCarrier(Connectors connectors) { this.connectors = connectors; }

    @Override
    public Booking book(String tenantId, BookingRequest request, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "book", c -> c.book(tenantId, request, idempotencyKey));
    }

    @Override
    public List<TrackingReport> tracking(String tenantId, String trackingNumber) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "tracking", c -> c.tracking(tenantId, trackingNumber));
    }

    @Override
    public Pickup schedulePickup(String tenantId, PickupRequest request, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "pickup", c -> c.schedulePickup(tenantId, request, idempotencyKey));
    }

    @Override
    public ScanForm scanForm(String tenantId, List<String> trackingNumbers, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "scan_form", c -> c.scanForm(tenantId, trackingNumbers, idempotencyKey));
    }

    @Override
    public ScanForm scanFormStatus(String tenantId, String scanFormId) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "scan_form_status", c -> c.scanFormStatus(tenantId, scanFormId));
    }

    @Override
    public String refundLabel(String tenantId, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "refund_label", c -> c.refundLabel(tenantId, idempotencyKey));
    }

    @Override
    public ReturnLabel returnLabel(String tenantId, String rmaId, Address from, Address to, String idempotencyKey) {
        return connectors.call(tenantId, ConnectorPort.CARRIER, CarrierService.class, "return_label",
                c -> c.returnLabel(tenantId, rmaId, from, to, idempotencyKey));
    }
}
