package dev.oms.domain.privacy;

import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.privacy.ErasureRequest.Blocker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why an order's personal data must stay for now (GDPR article 17(3): a legal obligation, legal claims, a contract
 * still being performed): a legal hold, a return that is not settled, a disputed payment, or an order still under way
 * (not cancelled, completed or delivered). An erasure request with any blocker is rejected as a whole, naming them.
 */
public final class ErasureBlockers {
    static final Set<String> DELIVERED = Set.of("delivered", "returned");

    private ErasureBlockers() { }

    public static List<Blocker> of(Order o) {
        List<Blocker> out = new ArrayList<>();
        if (o.state().legalHold != null) out.add(new Blocker(o.id(), "order.legal_hold", "The order is under a legal hold"));
        if (o.children(ReturnRequest.class).stream().anyMatch(r -> r.state().isOpen())) {
            out.add(new Blocker(o.id(), "return.open", "A return of the order is not settled yet"));
        }
        if ("disputed".equals(o.state().paymentStatus) || o.state().payments.stream().anyMatch(p -> "disputed".equals(p.status()))) {
            out.add(new Blocker(o.id(), "payment.disputed", "A payment of the order is disputed"));
        }
        OrderStatus s = o.state().status;
        boolean done = s == OrderStatus.CANCELLED || s == OrderStatus.COMPLETED
                || (s == OrderStatus.CONFIRMED && DELIVERED.contains(o.state().shippingStatus));
        if (!done) out.add(new Blocker(o.id(), "order.in_progress", "The order is still under way (" + s.wire() + ", " + o.state().shippingStatus + ")"));
        return out;
    }
}
