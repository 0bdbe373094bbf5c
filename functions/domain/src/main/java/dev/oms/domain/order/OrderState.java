package dev.oms.domain.order;

import dev.oms.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored fields of an order. Only {@link Order} changes them; adapters read and fill them to load and save.
 */
public final class OrderState {
    public String tenantId;
    public String id;
    public long number;
    public String externalReference;
    public OrderStatus status;
    public OrderStatus statusBeforeHold;
    public String customerId;
    public String channel;
    public String source;
    public String currency;
    public List<OrderLine> lines = new ArrayList<>();
    public Address shippingAddress;
    public Address billingAddress;
    public String shippingMethod;
    public Money shippingAmount;
    public Money discount;
    public List<PaymentReference> payments = List.of();
    /** Settlements an agent linked to the payments (admin reconciliation), oldest first. */
    public List<PaymentSettlement> settlements = List.of();
    public List<Hold> holds = new ArrayList<>();
    public Map<String, String> metadata = Map.of();
    public OrderLock lock;
    public List<Cancellation> cancellations = new ArrayList<>();
    public Instant cancelledAt;
    public String duplicatedFrom;
    /** issue 11: the order this one replaced, and the order that replaced this one (both null unless replaced). */
    public String replaces;
    public String replacedBy;
    /** Fulfilments, shipments, returns, refunds, invoices and documents, each stored as its own item beside the header. */
    public List<OrderChild> children = new ArrayList<>();
    /** {@code unfulfilled}, {@code partially_fulfilled} or {@code fulfilled}: kept up to date by the fulfilment rules. */
    public String fulfillmentStatus = "unfulfilled";
    /** Where the goods are: {@code not_shipped}, {@code partially_shipped}, {@code shipped}, {@code in_transit}, {@code delivered}, ... */
    public String shippingStatus = "not_shipped";
    /** What the payments say ({@code unpaid}, {@code authorized}, {@code partially_paid}, {@code paid}, ...). */
    public String paymentStatus = "unpaid";
    /** {@code none} or where the order's returns stand ({@code requested}, {@code partially_returned}, {@code returned}, ...). */
    public String returnStatus = "none";
    /** Refunds (succeeded) that credited the order back: they lower what the customer owes (returns, manual refunds). */
    public long creditedTotal;
    /** Refunds (succeeded) paid out as store credit rather than to a payment. */
    public long storeCreditTotal;
    /** B2B payment terms (null: paid by its payments); the due date once confirmed on them; when it was found overdue. */
    public PaymentTerms paymentTerms;
    public java.time.LocalDate dueDate;
    public Instant paymentOverdueAt;
    /** A legal hold keeps the order from any removal (hard delete, retention); null when there is none. */
    public LegalHold legalHold;
    /** The fraud screening at the last confirmation: its score (0-100) and the rules that fired; null/empty before. */
    public Integer fraudScore;
    public List<String> fraudRules = List.of();
    public Instant firstShippedAt;
    public Instant lastDeliveredAt;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant confirmedAt;
    public Instant closedAt;
    public Instant deletedAt;
}
