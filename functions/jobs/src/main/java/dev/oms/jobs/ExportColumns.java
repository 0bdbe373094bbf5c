package dev.oms.jobs;

import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderState;
import dev.oms.domain.order.OrderTotals;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.List;
import java.util.function.Function;

/** The flat columns of CSV and Parquet exports (NDJSON exports carry the full order view instead). */
final class ExportColumns {
    /** A column: its name, whether it holds integers (INT64 in Parquet) or text, and how to read it off an order. */
    record Column(String name, boolean integer, Function<Order, Object> value) { }

    static final List<Column> ALL = List.of(
            text("id", o -> o.id()),
            integer("number", o -> o.state().number),
            text("external_reference", o -> o.state().externalReference),
            text("status", o -> o.status().wire()),
            text("customer_id", Order::customerId),
            text("channel", o -> o.state().channel),
            text("source", o -> o.state().source),
            text("currency", o -> o.state().currency),
            integer("sub_total", o -> totals(o).subTotal()),
            integer("discount_total", o -> totals(o).discountTotal()),
            integer("tax_total", o -> totals(o).taxTotal()),
            integer("shipping_total", o -> totals(o).shippingTotal()),
            integer("total", o -> totals(o).total()),
            integer("balance_due", Order::balanceDue),
            integer("line_count", o -> (long) o.state().lines.size()),
            text("created_at", o -> Times.format(state(o).createdAt)),
            text("updated_at", o -> Times.format(state(o).updatedAt)),
            text("confirmed_at", o -> Times.format(state(o).confirmedAt)),
            text("closed_at", o -> Times.format(state(o).closedAt)),
            text("metadata", o -> Json.write(Json.valueToTree(state(o).metadata))));

    private ExportColumns() { }

    static List<String> names() { return ALL.stream().map(Column::name).toList(); }

    private static Column text(String name, Function<Order, Object> f) { return new Column(name, false, f); }

    private static Column integer(String name, Function<Order, Object> f) { return new Column(name, true, f); }

    private static OrderTotals totals(Order o) { return o.totals(); }

    private static OrderState state(Order o) { return o.state(); }
}
