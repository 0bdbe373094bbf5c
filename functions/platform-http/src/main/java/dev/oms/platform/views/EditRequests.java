package dev.oms.platform.views;

import dev.oms.domain.DomainException;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.LineSpec;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.platform.http.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one reader of edit changes, for the canonical quote ({@code POST /v1/orders/{orderId}/quote-change}) and the admin
 * quotes ({@code /v1/admin/...}): the typed form ({@code {"type": "change_quantity", "line_id", "quantity"}}) and the
 * JSON-patch-like form of seed 001 ({@code {"op": "replace", "path": "/lines/1/quantity", "value": 1}}), which reads
 * into the same typed changes, so both are priced by the same quote engine.
 */
public final class EditRequests {
    /** A line named by its position in a patch path ({@code /lines/0}): resolved against the order by {@link #resolveLines}. */
    static final String INDEX = "#";

    private EditRequests() { }

    /** One typed change; null when its fields are wrong (the errors are on {@code e}). */
    public static EditChange change(Body e) {
        String type = e.oneOf("type", true, Set.copyOf(EditChange.TYPES));
        if (type == null) return null;
        return switch (type) {
            case EditChange.ADD_LINE -> {
                e.allow("type", "line");
                Body line = e.object("line", true);
                LineSpec spec = line == null ? null : OrderRequests.line(line, null);
                yield spec == null ? null : new EditChange(type, null, spec, null, null, null, null, null, null);
            }
            case EditChange.REMOVE_LINE -> {
                e.allow("type", "line_id");
                yield new EditChange(type, e.string("line_id", true, 64), null, null, null, null, null, null, null);
            }
            case EditChange.CHANGE_QUANTITY -> {
                e.allow("type", "line_id", "quantity");
                yield new EditChange(type, e.string("line_id", true, 64), null, e.integer("quantity", true, 1, OrderRequests.MAX_QUANTITY),
                        null, null, null, null, null);
            }
            case EditChange.CHANGE_UNIT_PRICE -> {
                e.allow("type", "line_id", "unit_price");
                yield new EditChange(type, e.string("line_id", true, 64), null, null, e.money("unit_price", true, null), null, null, null, null);
            }
            case EditChange.CHANGE_DISCOUNT -> {
                e.allow("type", "line_id", "discount");
                yield new EditChange(type, e.string("line_id", true, 64), null, null, null, e.money("discount", true, null), null, null, null);
            }
            case EditChange.CHANGE_SHIPPING -> {
                e.allow("type", "shipping_method", "shipping_amount");
                yield new EditChange(type, null, null, null, null, null, e.string("shipping_method", false, 64),
                        e.money("shipping_amount", false, null), null);
            }
            case EditChange.RETURN_UNITS -> {
                e.allow("type", "line_id", "quantity", "reason_code");
                yield new EditChange(type, e.string("line_id", true, 64), null, e.integer("quantity", true, 1, OrderRequests.MAX_QUANTITY),
                        null, null, null, null, null, e.string("reason_code", true, 64));
            }
            default -> {
                e.allow("type", "shipping_address");
                yield new EditChange(type, null, null, null, null, null, null, null, e.address("shipping_address", true));
            }
        };
    }

    /** Each entry of {@code changes}: typed when it has {@code type}, a patch operation when it has {@code op}. */
    public static List<EditChange> changes(Body b, String field, int max) {
        List<EditChange> out = new ArrayList<>();
        List<Body> entries = b.objects(field, true, 1, max);
        if (entries == null) return out;
        for (Body e : entries) {
            EditChange c = e.has("op") ? patch(e) : change(e);
            if (c != null) out.add(c);
        }
        return out;
    }

    /**
     * A patch operation: {@code replace} of {@code /lines/{line}/quantity}, {@code /lines/{line}/unit_price},
     * {@code /lines/{line}/discount}, {@code /shipping/method}, {@code /shipping/amount}, {@code /shipping_address};
     * {@code remove} of {@code /lines/{line}}; {@code add} of {@code /lines/-} (a new line). {@code {line}} is a line id
     * or the line's 0-based position in the order (JSON Pointer). Anything else is 400 {@code patch.unsupported}.
     */
    static EditChange patch(Body e) {
        e.allow("op", "path", "value");
        String op = e.oneOf("op", true, Set.of("replace", "remove", "add"));
        String path = e.string("path", true, 200);
        if (op == null || path == null) return null;
        String[] p = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        boolean lines = p.length >= 2 && p[0].equals("lines") && !p[1].isEmpty();
        String line = lines ? (p[1].chars().allMatch(Character::isDigit) ? INDEX + p[1] : p[1]) : null;
        if (op.equals("add") && p.length == 2 && lines && p[1].equals("-")) {
            Body value = e.object("value", true);
            LineSpec spec = value == null ? null : OrderRequests.line(value, null);
            return spec == null ? null : new EditChange(EditChange.ADD_LINE, null, spec, null, null, null, null, null, null);
        }
        if (op.equals("remove") && p.length == 2 && lines) {
            return new EditChange(EditChange.REMOVE_LINE, line, null, null, null, null, null, null, null);
        }
        if (op.equals("replace") && p.length == 3 && lines) {
            switch (p[2]) {
                case "quantity" -> {
                    Long q = e.integer("value", true, 1, OrderRequests.MAX_QUANTITY);
                    return q == null ? null : new EditChange(EditChange.CHANGE_QUANTITY, line, null, q, null, null, null, null, null);
                }
                case "unit_price" -> {
                    var m = e.money("value", true, null);
                    return m == null ? null : new EditChange(EditChange.CHANGE_UNIT_PRICE, line, null, null, m, null, null, null, null);
                }
                case "discount" -> {
                    var m = e.money("value", true, null);
                    return m == null ? null : new EditChange(EditChange.CHANGE_DISCOUNT, line, null, null, null, m, null, null, null);
                }
                default -> { }
            }
        }
        if (op.equals("replace") && path.equals("/shipping/method")) {
            String m = e.string("value", true, 64);
            return m == null ? null : new EditChange(EditChange.CHANGE_SHIPPING, null, null, null, null, null, m, null, null);
        }
        if (op.equals("replace") && path.equals("/shipping/amount")) {
            var m = e.money("value", true, null);
            return m == null ? null : new EditChange(EditChange.CHANGE_SHIPPING, null, null, null, null, null, null, m, null);
        }
        if (op.equals("replace") && path.equals("/shipping_address")) {
            var a = e.address("value", true);
            return a == null ? null : new EditChange(EditChange.CHANGE_SHIPPING_ADDRESS, null, null, null, null, null, null, null, a);
        }
        e.error("path", "patch.unsupported", "Cannot " + op + " " + path + ": see the supported paths in docs/admin-money.md");
        return null;
    }

    /** The changes with every line named by position ({@code /lines/0}) named by id; 404 {@code order.line_not_found} past the end. */
    public static List<EditChange> resolveLines(Order order, List<EditChange> changes) {
        List<OrderLine> lines = order.lines();
        List<EditChange> out = new ArrayList<>();
        for (EditChange c : changes) {
            if (c.lineId() != null && c.lineId().startsWith(INDEX)) {
                int i = Integer.parseInt(c.lineId().substring(INDEX.length()).length() > 6 ? "999999" : c.lineId().substring(INDEX.length()));
                if (i >= lines.size()) {
                    throw DomainException.notFound("order.line_not_found", "Order " + order.id() + " has no line at position " + i
                            + " (it has " + lines.size() + ")");
                }
                out.add(c.withLineId(lines.get(i).id()));
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
