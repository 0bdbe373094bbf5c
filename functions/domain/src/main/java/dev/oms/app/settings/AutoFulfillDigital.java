package dev.oms.app.settings;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.port.PolicyStore;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.DigitalLines;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.settings.Policy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auto_fulfill_digital} policy: when an order is confirmed, the units of its digital lines are fulfilled at
 * once through the fulfilment use case ({@link FulfillmentService#create}: the rules, the reservation, the
 * {@code fulfillment.created} event), at the virtual warehouse {@value DigitalLines#WAREHOUSE}, and shipped at once
 * ({@link FulfillmentService#ship}, carrier {@value DigitalLines#CARRIER}, no booking, no label), so the units count as
 * fulfilled; the policy is the actor. The fulfilment has a fixed id per order, so a repeated event changes nothing.
 */
public final class AutoFulfillDigital {
    private final FulfillmentService fulfillments;
    private final PolicyStore policies;

    public AutoFulfillDigital(FulfillmentService fulfillments, PolicyStore policies) {
        this.fulfillments = fulfillments;
        this.policies = policies;
    }

    /** What it did: {@code fulfilled} (with the fulfilment id) or {@code none} and why. */
    public PolicyEngine.Applied onOrderConfirmed(String tenantId, String orderId, String correlationId) {
        Optional<Policy> policy = policies.list(tenantId).stream()
                .filter(p -> p.enabled() && Policy.AUTO_FULFILL_DIGITAL.equals(p.type())).findFirst();
        if (policy.isEmpty()) return new PolicyEngine.Applied("none", null, "no enabled auto_fulfill_digital policy");
        Policy p = policy.get();
        CommandContext ctx = new CommandContext(new Caller(tenantId, p.id(), Policy.ACTOR_TYPE, Set.of("service"), null, null),
                correlationId, null, "auto_fulfill_digital", null);
        String id = DigitalLines.fulfillmentId(orderId);
        try {
            Order order = fulfillments.order(ctx, orderId);
            Optional<Fulfillment> earlier = order.child(Fulfillment.class, id);
            if (earlier.isEmpty()) {
                if (order.status() != OrderStatus.CONFIRMED) return new PolicyEngine.Applied("none", p.id(), "order is " + order.status().wire());
                Optional<FulfillmentRequest> digital = DigitalLines.toFulfil(order);
                if (digital.isEmpty()) return new PolicyEngine.Applied("none", p.id(), "no digital units left to fulfil");
                earlier = Optional.of(fulfillments.create(ctx, orderId, digital.get(), id).fulfillment());
            }
            // delivered as it is created: shipped with the fulfilment's own reference, no carrier booking and no label
            // (a repeat after a crash between the two steps ships the fulfilment left open)
            if (!earlier.get().status().isOpen()) return new PolicyEngine.Applied("none", p.id(), "digital units already fulfilled");
            fulfillments.ship(ctx, orderId, DigitalLines.shipment(id), List.of());
            return new PolicyEngine.Applied("fulfilled", p.id(), id);
        } catch (DomainException refused) {
            // deleted, no longer fulfillable, stock short, partial shipments not allowed: the order stays as it is
            return new PolicyEngine.Applied("none", p.id(), refused.code());
        }
    }
}
