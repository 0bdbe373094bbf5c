package dev.oms.app.search;

import dev.oms.domain.order.Address;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.OrderNote;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.Shipment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The search document of an order, read from the order and its children (lines, shipments, notes). */
public final class OrderSearchDocuments {
    private OrderSearchDocuments() { }

    public static OrderSearchDocument of(Order order) {
        OrderState s = order.state();
        Address shipping = s.shippingAddress, billing = s.billingAddress;
        List<String> skus = distinct(order.lines().stream().map(OrderLine::sku));
        List<String> tracking = distinct(order.children(Shipment.class).stream().flatMap(sh -> sh.trackingNumbers().stream()));
        List<String> notes = order.children(OrderNote.class).stream().filter(n -> !n.isDeleted()).map(OrderNote::text).toList();
        List<String> addresses = new ArrayList<>();
        for (Address a : new Address[] {shipping, billing}) if (a != null) addresses.add(text(a));
        return new OrderSearchDocument(s.tenantId, s.id, s.number, s.version, s.status.wire(), s.channel, s.customerId,
                first(shipping == null ? null : shipping.name(), billing == null ? null : billing.name()),
                first(billing == null ? null : billing.email(), shipping == null ? null : shipping.email()),
                s.currency, order.totals().total(), s.paymentStatus, s.fulfillmentStatus, s.returnStatus, s.externalReference,
                s.metadata.get("merchant_reference"), s.metadata.get("customer_reference"), skus, tracking, addresses, notes,
                s.createdAt, s.updatedAt, s.fraudScore, s.fraudRules);
    }

    private static List<String> distinct(Stream<String> values) {
        return List.copyOf(values.filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static String text(Address a) {
        return Stream.of(a.name(), a.company(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country(), a.email(), a.phone())
                .filter(v -> v != null && !v.isBlank()).collect(Collectors.joining(", "));
    }

    private static String first(String a, String b) { return a != null && !a.isBlank() ? a : b; }
}
