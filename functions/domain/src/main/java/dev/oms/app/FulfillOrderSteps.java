package dev.oms.app;

import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.app.port.TenantSettingsStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.Shipment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of the fulfill-order saga ({@code statemachines/fulfill-order.asl.json}), each safe to repeat: reserve
 * the requested units, create the fulfilment (the id was chosen with the request), wait for its shipment (the task
 * token is kept on the fulfilment; shipping it completes the wait), tell the customer, and, when a step fails or the
 * wait times out, give the reservation back and cancel the unshipped fulfilment.
 */
public final class FulfillOrderSteps {
    private final FulfillmentService fulfillments;
    private final TenantSettingsStore settings;
    private final NotificationSender notifications;
    private final FulfillmentProvider provider;
    private final SagaCallbacks callbacks;
    private final Clock clock;

    public FulfillOrderSteps(FulfillmentService fulfillments, TenantSettingsStore settings, NotificationSender notifications,
                             FulfillmentProvider provider, SagaCallbacks callbacks, Clock clock) {
        this.fulfillments = fulfillments;
        this.settings = settings;
        this.notifications = notifications;
        this.provider = provider;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    public static Caller sagaCaller(String tenantId) {
        return new Caller(tenantId, "fulfill-order-saga", "system", Set.of("service"), null, null);
    }

    /** Reserves the request's units under the fulfilment's key (once); short stock fails the step for good. */
    public Map<String, Object> reserve(String tenantId, String orderId, String fulfillmentId, FulfillmentRequest req) {
        Order o = load(tenantId, orderId);
        Map<String, Long> wanted = o.child(Fulfillment.class, fulfillmentId).isPresent()
                ? lines(o.child(Fulfillment.class, fulfillmentId).get())
                : OrderFulfillment.check(o, req, settings.get(tenantId).allowPartialShipments());
        List<SkuQuantity> skus = FulfillmentService.skus(o, wanted);
        fulfillments.reserve(tenantId, orderId, fulfillmentId, skus);
        Map<String, Object> reserved = new LinkedHashMap<>();
        skus.forEach(q -> reserved.put(q.sku(), q.quantity()));
        return Map.of("reserved", reserved);
    }

    /**
     * Creates the fulfilment (once: a retried step finds it) and hands it to the tenant's fulfilment provider under the
     * key {@code dispatch:<fulfilment>}, so a retry after a lost answer hands nothing over twice. A provider that does not
     * answer fails the step (retried, then compensated); one that refuses compensates at once.
     */
    public Map<String, Object> create(String tenantId, String orderId, String fulfillmentId, FulfillmentRequest req) {
        Order current = load(tenantId, orderId);
        Fulfillment f = current.child(Fulfillment.class, fulfillmentId).orElse(null);
        if (f == null) {
            boolean partial = settings.get(tenantId).allowPartialShipments();
            FulfillmentService.Created c = fulfillments.transactions().mutate(ctx(tenantId), orderId, false, o -> new FulfillmentService.Created(o,
                    OrderFulfillment.create(o, req, fulfillmentId, Fulfillment.SAGA, partial, sagaCaller(tenantId).actor(), clock.instant())));
            current = c.order();
            f = c.fulfillment();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fulfillment_id", f.id());
        out.put("status", f.status().wire());
        if (f.status().isOpen()) {
            FulfillmentProvider.Dispatched d = provider.dispatch(tenantId, dispatch(current, f), dispatchKey(f));
            if (d.providerReference() != null) out.put("provider_reference", d.providerReference());
        }
        return out;
    }

    /** The key a fulfilment is handed to the provider under: however often asked, the provider makes one order of it. */
    public static String dispatchKey(Fulfillment f) { return "dispatch:" + f.id(); }

    /** What the provider is handed for a fulfilment: the order, the fulfilment, each line's SKU and units, the address. */
    public static FulfillmentProvider.Dispatch dispatch(Order o, Fulfillment f) {
        List<FulfillmentProvider.Item> items = new ArrayList<>();
        for (FulfillmentLine l : f.lines()) {
            String sku = o.lines().stream().filter(x -> x.id().equals(l.lineId())).map(OrderLine::sku).findFirst().orElse(null);
            items.add(new FulfillmentProvider.Item(l.lineId(), sku, l.quantity()));
        }
        return new FulfillmentProvider.Dispatch(o.id(), o.state().number, f.id(), f.warehouseId(), items, o.state().shippingAddress,
                f.carrierHint(), f.serviceCode(), f.shipmentReference());
    }

    /**
     * Keeps the task token on the fulfilment. A fulfilment that shipped (or was cancelled) before the token arrived
     * completes (or fails) the wait at once.
     */
    public Map<String, Object> awaitShipment(String tenantId, String orderId, String fulfillmentId, String taskToken) {
        Fulfillment f = fulfillments.transactions().mutate(ctx(tenantId), orderId, false,
                o -> OrderFulfillment.awaitShipment(o, fulfillmentId, taskToken, clock.instant()));
        if (f.status().isShipped()) {
            callbacks.succeed(taskToken, Map.of("fulfillment_id", f.id(), "shipment_id", f.shipmentId(), "shipped", true));
        } else if (f.status() == FulfillmentStatus.CANCELLED) {
            callbacks.fail(taskToken, "FulfillmentCancelled", "Fulfilment " + f.id() + " was cancelled");
        }
        return Map.of("waiting", !f.status().isShipped() && f.status() != FulfillmentStatus.CANCELLED, "status", f.status().wire());
    }

    /** Sends the customer the shipment email once (the token on the fulfilment says it has not been sent). */
    public Map<String, Object> notifyCustomer(String tenantId, String orderId, String fulfillmentId) {
        Order o = load(tenantId, orderId);
        Fulfillment f = o.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found");
        if (f.taskToken() == null) return Map.of("sent", false, "why", "already notified");
        Shipment s = o.requireChild(Shipment.class, f.shipmentId(), "shipment.not_found");
        java.util.List<NotificationSender.Notification> messages = ShipmentNotifications.shipped(o, s);
        for (NotificationSender.Notification n : messages) notifications.send(tenantId, n);
        fulfillments.transactions().mutate(ctx(tenantId), orderId, false, x -> OrderFulfillment.sagaNotified(x, fulfillmentId, clock.instant()));
        return messages.isEmpty() ? Map.of("sent", false, "why", "no subscribed channel with an address")
                : Map.of("sent", true, "recipient", messages.get(0).recipient(), "channels", messages.stream().map(NotificationSender.Notification::channel).toList(),
                "shipment_id", s.id());
    }

    /**
     * Undoes the saga: releases the reservation when the reserve step made one (under the fulfilment's key: once;
     * a reservation that failed left nothing to give back) and cancels the fulfilment if it
     * exists and has not shipped, after the fulfilment provider has agreed to stop it (under the key
     * {@code cancel:<fulfilment>}). A fulfilment that shipped after all is left alone ({@code shipped: true}); one the
     * provider says it is too late to stop stays open with its reservation ({@code left_to_provider: true}).
     */
    public Map<String, Object> compensate(String tenantId, String orderId, String fulfillmentId, FulfillmentRequest req,
                                          boolean reserved, String failure) {
        Order o = load(tenantId, orderId);
        Fulfillment f = o.child(Fulfillment.class, fulfillmentId).orElse(null);
        if (f != null && f.status().isShipped()) return Map.of("shipped", true, "fulfillment_id", fulfillmentId);
        if (f != null && f.status() != FulfillmentStatus.CANCELLED
                && !provider.cancel(tenantId, orderId, fulfillmentId, "fulfill-order saga: " + failure, "cancel:" + fulfillmentId)) {
            // too late: the provider is shipping it. The fulfilment stays open with its reservation until the provider's
            // shipment report; the saga ends here and the notifications subscriber will announce the shipment.
            fulfillments.transactions().mutate(ctx(tenantId), orderId, false, x -> OrderFulfillment.sagaLeftToProvider(x, fulfillmentId, clock.instant()));
            return Map.of("shipped", false, "left_to_provider", true, "fulfillment_id", fulfillmentId, "failure", failure);
        }
        // a fulfilment cancelled by someone else had its reservation released by them (its cancel, the order's cancellation)
        boolean releasing = reserved && (f == null || f.status() != FulfillmentStatus.CANCELLED);
        if (releasing) {
            Map<String, Long> units = f != null ? lines(f) : requested(req);
            fulfillments.release(tenantId, orderId, FulfillmentService.skus(o, units), fulfillmentId);
        }
        boolean cancelled = false;
        if (f != null && f.status() != FulfillmentStatus.CANCELLED) {
            fulfillments.transactions().mutate(ctx(tenantId), orderId, false,
                    x -> OrderFulfillment.cancel(x, fulfillmentId, "fulfill-order saga: " + failure, clock.instant()));
            cancelled = true;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shipped", false);
        out.put("released", releasing);
        out.put("cancelled", cancelled);
        out.put("failure", failure);
        return out;
    }

    private static Map<String, Long> lines(Fulfillment f) {
        Map<String, Long> m = new LinkedHashMap<>();
        f.lines().forEach(l -> m.merge(l.lineId(), l.quantity(), Math::addExact));
        return m;
    }

    private static Map<String, Long> requested(FulfillmentRequest req) {
        Map<String, Long> m = new LinkedHashMap<>();
        req.lines().forEach(l -> m.merge(l.lineId(), l.quantity(), Math::addExact));
        return m;
    }

    private Order load(String tenantId, String orderId) { return fulfillments.transactions().get(ctx(tenantId), orderId); }

    private static CommandContext ctx(String tenantId) { return new CommandContext(sagaCaller(tenantId), null, null, null, null); }
}
