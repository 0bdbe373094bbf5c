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
    public List<Hold> holds = new ArrayList<>();
    public Map<String, String> metadata = Map.of();
    public OrderLock lock;
    public List<Cancellation> cancellations = new ArrayList<>();
    public Instant cancelledAt;
    public String duplicatedFrom;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant confirmedAt;
    public Instant closedAt;
    public Instant deletedAt;
}
