package dev.oms.platform.connectors.sftp;

import dev.oms.app.connector.FulfillmentProvider.Dispatch;
import dev.oms.app.connector.FulfillmentProvider.Item;
import dev.oms.domain.order.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The file a fulfilment becomes at a file-drop provider: {@code csv} (a header, then one row per line: the order, the
 * fulfilment, the line's SKU and units, the carrier hints and the address) or {@code edi} (an X12-940-like warehouse
 * shipping order: {@code W05} order, {@code N1}/{@code N3}/{@code N4} ship-to, one {@code W01} per line; elements
 * {@code *}, segments {@code ~}, and those two characters never inside a value).
 */
enum PickListFile {
    CSV(".csv"), EDI(".edi");

    static final List<String> CSV_HEADER = List.of("order_id", "order_number", "fulfillment_id", "warehouse_id", "line_id", "sku", "quantity",
            "carrier", "service_code", "shipment_reference", "ship_to_name", "ship_to_company", "ship_to_line1", "ship_to_line2", "ship_to_city",
            "ship_to_region", "ship_to_postal_code", "ship_to_country", "ship_to_phone");

    final String extension;

    PickListFile(String extension) { this.extension = extension; }

    static PickListFile of(String format) { return "edi".equals(format) ? EDI : CSV; }

    String render(Dispatch d) { return this == CSV ? csv(d) : edi(d); }

    private static String csv(Dispatch d) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        Address a = d.shipTo();
        for (Item i : d.items()) {
            List<String> row = new ArrayList<>(List.of(d.orderId(), Long.toString(d.orderNumber()), d.fulfillmentId(), text(d.warehouseId()), i.lineId(),
                    i.sku(), Long.toString(i.quantity()), text(d.carrierHint()), text(d.serviceCode()), text(d.shipmentReference())));
            row.addAll(a == null ? List.of("", "", "", "", "", "", "", "", "")
                    : List.of(text(a.name()), text(a.company()), text(a.line1()), text(a.line2()), text(a.city()), text(a.region()),
                    text(a.postalCode()), text(a.country()), text(a.phone())));
            out.append(String.join(",", row.stream().map(PickListFile::quote).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String edi(Dispatch d) {
        StringBuilder out = new StringBuilder();
        segment(out, "W05", "N", d.orderId(), d.fulfillmentId(), Long.toString(d.orderNumber()), text(d.warehouseId()));
        Address a = d.shipTo();
        if (a != null) {
            segment(out, "N1", "ST", text(a.name()), text(a.company()));
            segment(out, "N3", text(a.line1()), text(a.line2()));
            segment(out, "N4", text(a.city()), text(a.region()), text(a.postalCode()), text(a.country()));
        }
        if (d.carrierHint() != null || d.serviceCode() != null) segment(out, "W66", text(d.carrierHint()), text(d.serviceCode()));
        int n = 0;
        for (Item i : d.items()) {
            segment(out, "LX", Integer.toString(++n));
            segment(out, "W01", Long.toString(i.quantity()), "EA", i.lineId(), "VN", i.sku());
        }
        segment(out, "W76", Integer.toString(d.items().size()));
        return out.toString();
    }

    private static void segment(StringBuilder out, String id, String... elements) {
        out.append(id);
        for (String e : elements) out.append('*').append(e.replace('*', ' ').replace('~', ' ').replace('\n', ' ').replace('\r', ' '));
        out.append("~\n");
    }

    private static String text(String s) { return s == null ? "" : s; }

    /** RFC 4180: a value with a comma, quote or line break is quoted, its quotes doubled; a leading =, +, - or @ is kept as text. */
    static String quote(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+") ? "'" + v : v;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
