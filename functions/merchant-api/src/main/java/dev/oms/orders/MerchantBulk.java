package dev.oms.orders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.CommandContext;
import dev.oms.app.merchant.MerchantStatus;
import dev.oms.app.merchant.MerchantTags;
import dev.oms.app.security.Permission;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.RemainingUnits;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.Body;
import dev.oms.platform.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /merchant/api/v1/domains/{domainId}/orders/bulk}: one action over at most {@link #MAX_ORDERS} orders,
 * each in its own transaction (through the same steps as the single-order routes, so each order's cache is invalidated
 * and its customer notified when asked); an order that fails is listed in {@code failed} with its problem code and the
 * others go on. Idempotent under {@code Idempotency-Key} (the whole result is replayed).
 */
final class MerchantBulk {
    static final int MAX_ORDERS = 50;
    static final Set<String> ACTIONS = Set.of("update_status", "add_tags", "remove_tags", "fulfill");

    private final MerchantApi p;
    private final MerchantOrders orders;

    MerchantBulk(MerchantApi p, MerchantOrders orders) {
        this.p = p;
        this.orders = orders;
    }

    private interface Step { void apply(CommandContext ctx, String orderId); }

    ObjectNode run(ApiRequest r, String domain) {
        Body b = Body.parse(r.body());
        b.allow("order_ids", "action", "data");
        List<String> ids = b.strings("order_ids", true, 1, MAX_ORDERS, 64);
        String action = b.oneOf("action", true, ACTIONS);
        Body data = b.object("data", action != null && !action.isEmpty());
        Step step = action == null || data == null ? null : step(r, action, data);
        b.check();
        ObjectNode out = Json.object();
        ArrayNode failed = Json.array();
        ArrayNode updated = Json.array();
        CommandContext ctx = r.command().withoutJournal();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                step.apply(ctx, id);
                updated.add(id);
            } catch (DomainException e) {
                // an invalid field is reported by its own code (the request's shape was checked before any order ran)
                var field = e.fieldErrors().isEmpty() ? null : e.fieldErrors().getFirst();
                failed.addObject().put("order_id", id).put("code", field == null ? e.code() : field.code())
                        .put("message", field == null ? e.getMessage() : field.message());
            } catch (ApiProblem e) {
                failed.addObject().put("order_id", id).put("code", e.code()).put("message", e.getMessage());
            }
        }
        out.put("success", failed.isEmpty());
        out.put("action", action);
        out.put("updated_count", updated.size());
        out.set("failed", failed);
        out.set("updated_orders", updated);
        return out;
    }

    private Step step(ApiRequest r, String action, Body data) {
        switch (action) {
            case "update_status" -> {
                data.allow("status", "note", "notify_customers");
                String status = data.oneOf("status", true, MerchantStatus.wires());
                String note = data.string("note", false, 500);
                boolean notify = Boolean.TRUE.equals(data.bool("notify_customers", false));
                return (ctx, id) -> orders.changeStatus(ctx, id, MerchantStatus.fromWire(status), note, notify);
            }
            case "add_tags", "remove_tags" -> {
                data.allow("tags");
                List<String> tags = data.strings("tags", true, 1, 20, 40);
                if (tags != null) for (String t : tags) if (!MerchantTags.TAG.matcher(t).matches()) data.error("tags", "field.format", "a tag is 1-40 of a-z, 0-9, _ and -: " + t);
                boolean add = action.equals("add_tags");
                return (ctx, id) -> orders.tags(ctx, id, tags, add);
            }
            default -> {
                // fulfill: every unit still to fulfil of each order, shipped under the order's AWB
                data.allow("awbs", "shipping_method", "warehouse_id", "notify_customers");
                Body awbs = data.object("awbs", true);
                String method = data.string("shipping_method", false, 64);
                String warehouse = data.string("warehouse_id", false, 64);
                boolean notify = Boolean.TRUE.equals(data.bool("notify_customers", false));
                Map<String, String> byOrder = new java.util.HashMap<>();
                if (awbs != null) awbs.node().properties().forEach(e -> {
                    if (!e.getValue().isTextual() || e.getValue().asText().isBlank() || e.getValue().asText().length() > 64) {
                        awbs.error(e.getKey(), "field.type", "an AWB is 1-64 characters");
                    } else {
                        byOrder.put(e.getKey(), e.getValue().asText());
                    }
                });
                String carrier = method == null ? "Self-Delivery" : method;
                MerchantOrders.require(r.command(), Permission.FULFILLMENTS_WRITE);
                return (ctx, id) -> {
                    String awb = byOrder.get(id);
                    if (awb == null) throw DomainException.invalidField("data.awbs", "awb.required", "data.awbs has no AWB for order " + id);
                    Order current = p.orders.get(ctx, id);
                    List<FulfillmentLine> lines = RemainingUnits.physical(current);
                    if (lines.isEmpty()) throw DomainException.conflict("fulfillment.nothing_left", "Order " + id + " has nothing left to fulfil", "Nothing to do.");
                    orders.fulfil(ctx.withReason("AWB " + awb), id, new FulfillmentRequest(warehouse, lines, carrier, null, awb, null), carrier, awb, null, notify);
                };
            }
        }
    }
}
