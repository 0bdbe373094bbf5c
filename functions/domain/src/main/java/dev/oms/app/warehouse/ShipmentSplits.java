package dev.oms.app.warehouse;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.InventoryService;
import dev.oms.app.port.WarehouseStore;
import dev.oms.app.warehouseops.RoutingRuleService;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderFulfillment;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.warehouse.ShipmentSplit;
import dev.oms.domain.warehouse.StockLot;
import dev.oms.domain.warehouse.Warehouse;
import dev.oms.domain.warehouse.ops.RoutingQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin split-shipments (issue 13): proposes how an order's unfulfilled units ship, by the stock of the tenant's
 * warehouses ({@link InventoryService#stock}) and the routing rules ({@link ShipmentSplit}), and executes a plan as
 * fulfilments through the canonical fulfilment use case (its rules, its reservations, {@code fulfillment.created}).
 * Executing the same plan again creates nothing twice: the fulfilments' ids derive from the order and the plan.
 */
public final class ShipmentSplits {
    private final OrderTransactions tx;
    private final FulfillmentService fulfillments;
    private final InventoryService inventory;
    private final WarehouseStore warehouses;
    private final RoutingRuleService routing;

    public ShipmentSplits(OrderTransactions tx, FulfillmentService fulfillments, InventoryService inventory, WarehouseStore warehouses,
                          RoutingRuleService routing) {
        this.tx = tx;
        this.fulfillments = fulfillments;
        this.inventory = inventory;
        this.warehouses = warehouses;
        this.routing = routing;
    }

    /** The plan, and the warehouse the routing rules chose first (null: none matched). */
    public record Proposal(Order order, ShipmentSplit.Plan plan, String routedTo) { }

    public record Executed(Order order, ShipmentSplit.Plan plan, List<Fulfillment> created) { }

    public Proposal propose(CommandContext ctx, String orderId) {
        Order o = tx.get(ctx, orderId);
        List<ShipmentSplit.Need> needs = new ArrayList<>();
        for (OrderLine l : o.lines()) {
            long left = OrderFulfillment.remaining(o, l.id());
            if (left > 0) needs.add(new ShipmentSplit.Need(l.id(), l.sku(), left));
        }
        if (needs.isEmpty()) {
            throw DomainException.conflict("order.nothing_to_fulfil", "Order " + orderId + " has no units left to fulfil",
                    "Every unit is in a fulfilment already.");
        }
        List<String> skus = needs.stream().map(ShipmentSplit.Need::sku).distinct().toList();
        List<String> ids = warehouses.all(ctx.tenantId()).stream().filter(w -> !"inactive".equals(w.status())).map(Warehouse::id).toList();
        Map<String, Map<String, Long>> stock = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (StockLot lot : inventory.stock(ctx.tenantId(), skus, ids)) {
                stock.computeIfAbsent(lot.warehouseId(), k -> new LinkedHashMap<>()).merge(lot.sku(), lot.available(), Long::sum);
            }
        }
        String country = o.state().shippingAddress == null ? null : o.state().shippingAddress.country();
        String routed = routing == null ? null : routing.evaluate(ctx, new RoutingQuery(country, skus, null, null)).warehouseId();
        return new Proposal(o, ShipmentSplit.plan(needs, stock, routed), routed);
    }

    /** Creates one fulfilment per part of the plan (at least one part); 409 {@code split.incomplete} unless every unit is placed or {@code allowPartial}. */
    public Executed execute(CommandContext ctx, String orderId, ShipmentSplit.Plan plan, boolean allowPartial) {
        if (plan.parts().isEmpty()) {
            throw DomainException.conflict("split.no_stock", "No warehouse holds any of the order's units", "Restock, or fulfil by hand.");
        }
        if (!plan.complete() && !allowPartial) {
            throw DomainException.conflict("split.incomplete", "The plan leaves units no warehouse holds", "Send allow_partial: true to ship what is in stock.")
                    .with("unassigned", plan.unassigned());
        }
        String key = digest(orderId, plan);
        CommandContext each = ctx.onLatestVersion().withoutJournal();
        List<Fulfillment> created = new ArrayList<>();
        for (int i = 0; i < plan.parts().size(); i++) {
            ShipmentSplit.Part part = plan.parts().get(i);
            List<FulfillmentLine> lines = new ArrayList<>();
            part.lines().forEach((line, qty) -> lines.add(new FulfillmentLine(line, qty, null, List.of())));
            String id = "ful_" + orderId.substring(orderId.indexOf('_') + 1) + "_s" + key + i;
            created.add(fulfillments.create(each, orderId, new FulfillmentRequest(part.warehouseId(), lines, null, null, null, null), id).fulfillment());
        }
        return new Executed(tx.get(ctx, orderId), plan, created);
    }

    /** A short digest of the order and the plan: the same plan gets the same fulfilment ids. */
    static String digest(String orderId, ShipmentSplit.Plan plan) {
        try {
            StringBuilder b = new StringBuilder(orderId);
            for (ShipmentSplit.Part p : plan.parts()) b.append('|').append(p.warehouseId()).append(new java.util.TreeMap<>(p.lines()));
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
