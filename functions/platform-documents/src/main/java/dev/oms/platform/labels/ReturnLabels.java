package dev.oms.platform.labels;

import dev.oms.app.CommandContext;
import dev.oms.app.ReturnService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.port.DocumentStorage;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.Returns;
import dev.oms.platform.documents.DocumentRenderer;
import dev.oms.platform.documents.ShippingLabel;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * Return labels: the carrier books the return shipment from the customer's address to the tenant's return address
 * (its {@code return_address} setting, or the fulfilment centre of {@code LABEL_SHIP_FROM}), the label is rendered as a
 * 4 x 6 PDF, stored in the documents bucket and filed on the order as a {@code return_label} document with the
 * tracking number on the return. The booking key and the document id derive from the return, so asking again answers
 * the label it has, and a retry after a crash books and stores nothing twice.
 */
public final class ReturnLabels {
    private final ReturnService returns;
    private final CarrierService carrier;
    private final DocumentStorage storage;
    private final Function<String, Address> tenantAddress;
    private final Address fallback;
    private final Clock clock;
    private final DocumentRenderer renderer;

    public ReturnLabels(ReturnService returns, CarrierService carrier, DocumentStorage storage, DynamoTenantSettings settings,
                        String shipFrom, Clock clock, DocumentRenderer renderer) {
        this.returns = returns;
        this.carrier = carrier;
        this.storage = storage;
        this.tenantAddress = settings::returnAddress;
        this.fallback = address(shipFrom);
        this.clock = clock;
        this.renderer = renderer;
    }

    /** The label with a link to download it for a while. */
    public record Issued(ReturnService.Result result, String downloadUrl) { }

    /** Where customers send their returns. */
    public Address returnAddress(String tenantId) {
        Address a = tenantAddress.apply(tenantId);
        return a != null ? a : fallback;
    }

    public Issued issue(CommandContext ctx, String returnId) {
        ReturnService.Result found = returns.find(ctx, returnId);
        ReturnRequest r = found.ret();
        if (r.label() == null) {
            Returns.assertLabelable(r);
            found = book(ctx, found);
        }
        OrderDocument doc = found.order().requireChild(OrderDocument.class, found.ret().label().documentId(), "document.not_found");
        return new Issued(found, storage.downloadUrl(doc.storageKey(), doc.fileName(), Duration.ofMinutes(15)));
    }

    /**
     * Withdraws a return nothing has arrived for. When its label was bought, the carrier is first asked to refund the
     * unused label (same key as the purchase, so asking again is harmless); the answer is kept in the
     * {@code return.cancelled} event ({@code label_refund}). A carrier that does not answer does not block the
     * withdrawal: {@code failed} is recorded for someone to claim the refund by hand.
     */
    public ReturnService.Result withdraw(CommandContext ctx, String returnId, String reason) {
        ReturnService.Result found = returns.find(ctx, returnId);
        ReturnRequest r = found.ret();
        String refund = null;
        if (r.label() != null && r.state().awaitingGoods()) {
            try {
                refund = carrier.refundLabel(ctx.tenantId(), "return-label:" + r.id());
            } catch (dev.oms.app.connector.ConnectorException unavailable) {
                refund = "failed";
            }
            if (CarrierService.REFUND_NOT_BOUGHT.equals(refund)) refund = null;
        }
        return returns.cancel(ctx, returnId, reason, refund);
    }

    private ReturnService.Result book(CommandContext ctx, ReturnService.Result found) {
        Order order = found.order();
        ReturnRequest r = found.ret();
        Address from = order.state().shippingAddress != null ? order.state().shippingAddress : order.state().billingAddress;
        if (from == null) {
            throw dev.oms.domain.DomainException.conflict("return.no_address", "Order " + order.id() + " has no address to collect the return from",
                    "Add a shipping address to the order first.");
        }
        Address to = returnAddress(ctx.tenantId());
        CarrierService.ReturnLabel booked = carrier.returnLabel(ctx.tenantId(), r.rma(), from, to, "return-label:" + r.id());
        byte[] pdf = renderer.labels(List.of(
                new ShippingLabel(ShipmentLabels.postal(from), ShipmentLabels.postal(to), booked.carrier(),
                booked.serviceCode(), booked.trackingNumber(), null, 1, 1, String.valueOf(order.state().number), r.rma(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))));
        String docId = "doc_rlb" + r.id().substring(r.id().indexOf('_') + 1);
        String fileName = "return-label-" + r.rma() + ".pdf";
        String key = "documents/" + ctx.tenantId() + "/" + order.id() + "/" + docId + "-" + fileName;
        storage.put(key, "application/pdf", pdf);
        OrderDocument doc = new OrderDocument(docId, "return_label", fileName, "application/pdf", (long) pdf.length, key,
                OrderDocument.AVAILABLE, r.id(), ctx.caller().subject(), clock.instant());
        var label = new ReturnRequest.Label(booked.carrier(), booked.trackingNumber(), docId, clock.instant());
        return returns.attachLabel(ctx, r.id(), label, doc);
    }

    static Address address(String spec) {
        var p = ShipmentLabels.sender(spec);
        return new Address(p.name(), null, p.lines().isEmpty() ? null : p.lines().get(0), null, p.city(), p.region(), p.postalCode(),
                p.country(), null, null);
    }
}
