package dev.oms.domain.order;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.ConfirmationChecks.FraudCheck;
import dev.oms.domain.order.ConfirmationChecks.FraudOutcome;
import dev.oms.domain.order.ConfirmationChecks.PaymentCheck;
import dev.oms.domain.order.ConfirmationChecks.PaymentOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test data builder for orders. Ids are counter-based ({@code line_1}, {@code line_2}, ...) and time is fixed, so
 * every test is deterministic. {@link #created()} and friends return orders as a repository would load them: with no
 * pending events.
 */
public final class OrderMother {
    public static final String TENANT = "t_acme";
    public static final String CUSTOMER = "cus_1";
    public static final String GBP = "GBP";
    public static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    public static final Actor AGENT = new Actor("agent_1", "agent");
    public static final Address HOME = new Address("Ada Lovelace", null, "1 Main St", null, "London", null, "N1 1AA", "GB",
            "+441234567890", "ada@example.com");
    public static final Address OFFICE = new Address("Ada Lovelace", "Analytical Ltd", "2 High St", "Floor 3", "Leeds", null,
            "LS1 1AA", "GB", null, null);

    private String id = "ord_1";
    private long number = 1001;
    private String currency = GBP;
    private String customerId = CUSTOMER;
    private String externalReference;
    private final List<LineSpec> items = new ArrayList<>();
    private Long shipping;
    private Long discount;
    private final List<PaymentReference> payments = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Address shippingAddress = HOME;
    private Address billingAddress = HOME;
    private int lineSeq;
    private int holdSeq;

    public static OrderMother anOrder() { return new OrderMother(); }

    // ---- line specs --------------------------------------------------------------------------------------------

    public static Money gbp(long minor) { return Money.of(minor, GBP); }

    public static LineSpec spec(String sku, long quantity, long unitPrice) {
        return new LineSpec(null, sku, null, sku + " description", quantity, gbp(unitPrice), null, null, null, null);
    }

    public static LineSpec spec(String clientLineId, String sku, long quantity, long unitPrice) {
        return new LineSpec(clientLineId, sku, null, sku + " description", quantity, gbp(unitPrice), null, null, null, null);
    }

    public static LineSpec specWithTax(String sku, long quantity, long unitPrice, long discount, Integer rateBps, Long taxAmount) {
        return new LineSpec(null, sku, null, sku, quantity, gbp(unitPrice), gbp(discount), rateBps,
                taxAmount == null ? null : gbp(taxAmount), null);
    }

    // ---- builder -------------------------------------------------------------------------------------------------

    public OrderMother id(String value) { this.id = value; return this; }
    public OrderMother number(long value) { this.number = value; return this; }
    public OrderMother currency(String value) { this.currency = value; return this; }
    public OrderMother customer(String value) { this.customerId = value; return this; }
    public OrderMother externalReference(String value) { this.externalReference = value; return this; }
    public OrderMother line(String sku, long quantity, long unitPrice) { items.add(spec(sku, quantity, unitPrice)); return this; }
    public OrderMother line(LineSpec spec) { items.add(spec); return this; }
    public OrderMother shipping(long minor) { this.shipping = minor; return this; }
    public OrderMother discount(long minor) { this.discount = minor; return this; }
    public OrderMother payment(String paymentId, long amount, String status) {
        payments.add(new PaymentReference(paymentId, Money.of(amount, currency), status));
        return this;
    }
    public OrderMother metadata(String key, String value) { metadata.put(key, value); return this; }
    public OrderMother addresses(Address shipTo, Address billTo) { this.shippingAddress = shipTo; this.billingAddress = billTo; return this; }

    public OrderDraft draft() {
        List<LineSpec> lines = items.isEmpty() ? List.of(spec("SKU-1", 2, 1000)) : List.copyOf(items);
        return new OrderDraft(externalReference, customerId, "web", "api", currency, lines, shippingAddress, billingAddress,
                "standard", shipping == null ? null : Money.of(shipping, currency),
                discount == null ? null : Money.of(discount, currency), List.copyOf(payments), Map.copyOf(metadata));
    }

    /** The order as {@link Order#create} returns it, with its {@code order.created} event pending. */
    public Order build() { return Order.create(TENANT, id, number, draft(), NOW, lineIds()); }

    /** Line ids continue the sequence of the lines created by {@link #build()}. */
    public Supplier<String> lineIds() { return () -> "line_" + (++lineSeq); }

    public String nextHoldId() { return "hold_" + (++holdSeq); }

    public Hold manualHold() { return hold("manual_review", "Check the address"); }

    public Hold hold(String type, String reason) { return new Hold(nextHoldId(), type, reason, "agent_2", "a note", AGENT.id(), NOW); }

    // ---- orders in a given status, freshly loaded (no pending events) -----------------------------------------------

    public Order created() { return fresh(build()); }

    public Order pending() {
        Order o = created();
        o.confirm(checks(pendingPayment(0)), nextHoldId(), AGENT, NOW);
        return fresh(o);
    }

    public Order confirmed() {
        Order o = created();
        o.confirm(approvedFor(o), nextHoldId(), AGENT, NOW);
        return fresh(o);
    }

    public Order completed() {
        Order o = confirmed();
        o.close("delivered", NOW);
        return fresh(o);
    }

    /** On hold with one manual hold, placed when the order was in the given status. */
    public Order onHoldFrom(OrderStatus from) {
        Order o = switch (from) {
            case CREATED -> created();
            case PENDING -> pending();
            case CONFIRMED -> confirmed();
            default -> throw new IllegalArgumentException("cannot hold from " + from);
        };
        o.hold(manualHold(), NOW);
        return fresh(o);
    }

    /** Cancelled orders have no transition in this aggregate yet; adapters load them from storage like this. */
    public Order cancelled() {
        Order o = created();
        o.state().status = OrderStatus.CANCELLED;
        return fresh(o);
    }

    /** A created order whose full cancellation was requested and not yet finished. */
    public Order cancelling() {
        Order o = created();
        o.requestCancellation("can_1", "customer changed their mind", true, false, new dev.oms.domain.Actor("agent_1", "agent"), NOW);
        return fresh(o);
    }

    public Order inStatus(OrderStatus status) {
        return switch (status) {
            case CREATED -> created();
            case PENDING -> pending();
            case CONFIRMED -> confirmed();
            case ON_HOLD -> onHoldFrom(OrderStatus.CREATED);
            case COMPLETED -> completed();
            case CANCELLED -> cancelled();
            case CANCELLING -> cancelling();
        };
    }

    /** As a repository would load it: the same state, no pending events. */
    public static Order fresh(Order order) { return new Order(order.state()); }

    // ---- confirmation checks --------------------------------------------------------------------------------------

    public static ConfirmationChecks checks(PaymentCheck payment) { return new ConfirmationChecks(payment, List.of(), approve()); }

    public static ConfirmationChecks approvedFor(Order order) { return checks(authorized(order.totals().total())); }

    public static PaymentCheck authorized(long amount) { return new PaymentCheck(PaymentOutcome.AUTHORIZED, amount, Map.of()); }

    public static PaymentCheck pendingPayment(long authorized) { return new PaymentCheck(PaymentOutcome.PENDING, authorized, Map.of()); }

    public static PaymentCheck declined() { return new PaymentCheck(PaymentOutcome.DECLINED, 0, Map.of("pay_1", "declined")); }

    public static PaymentCheck missing(long authorized) { return new PaymentCheck(PaymentOutcome.MISSING, authorized, Map.of()); }

    public static FraudCheck approve() { return new FraudCheck(FraudOutcome.APPROVE, 12, List.of()); }

    public static FraudCheck review() { return new FraudCheck(FraudOutcome.REVIEW, 65, List.of("new_device", "address_mismatch")); }

    public static FraudCheck reject() { return new FraudCheck(FraudOutcome.REJECT, 97, List.of("stolen_card")); }

    // ---- events ------------------------------------------------------------------------------------------------

    public static List<String> eventTypes(Order order) { return order.pendingEvents().stream().map(DomainEvent::type).toList(); }

    public static DomainEvent onlyEvent(Order order) {
        List<DomainEvent> events = order.pendingEvents();
        if (events.size() != 1) throw new AssertionError("expected exactly one event but got " + eventTypes(order));
        return events.get(0);
    }
}
