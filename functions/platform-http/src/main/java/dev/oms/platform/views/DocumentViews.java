package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.InvoiceLine;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;

/** The API representation of invoices, credit notes and documents. */
public final class DocumentViews {
    private DocumentViews() { }

    public static ObjectNode invoice(Order order, Invoice i) {
        String cur = i.total().currency();
        ObjectNode o = Json.object();
        o.put("id", i.id());
        o.put("order_id", order.id());
        o.put("type", i.type());
        o.put("number", i.number());
        o.put("status", i.status());
        o.set("total", Shapes.money(i.total()));
        o.set("tax", Shapes.money(i.tax()));
        ArrayNode lines = o.putArray("lines");
        for (InvoiceLine l : i.lines()) {
            lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("description", l.description()).put("quantity", l.quantity())
                    .<ObjectNode>set("unit_price", MoneyViews.money(l.unitPrice(), cur)).<ObjectNode>set("net", MoneyViews.money(l.net(), cur))
                    .<ObjectNode>set("tax", MoneyViews.money(l.tax(), cur)).set("total", MoneyViews.money(l.total(), cur));
        }
        o.put("refund_id", i.refundId());
        o.put("invoice_id", i.invoiceId());
        o.put("document_id", i.documentId());
        o.put("document_url", "/v1/orders/" + order.id() + "/documents/" + i.documentId());
        o.put("issued_at", Times.format(i.issuedAt()));
        o.put("updated_at", Times.format(i.updatedAt()));
        return o;
    }

    public static ObjectNode document(Order order, OrderDocument d) {
        ObjectNode o = Json.object();
        o.put("id", d.id());
        o.put("order_id", order.id());
        o.put("type", d.type());
        o.put("status", d.status());
        o.put("file_name", d.fileName());
        o.put("content_type", d.contentType());
        if (d.sizeBytes() == null) o.putNull("size_bytes"); else o.put("size_bytes", d.sizeBytes());
        o.put("related_id", d.relatedId());
        o.put("created_by", d.createdBy());
        o.put("created_at", Times.format(d.createdAt()));
        return o;
    }

    /** A presigned upload: where and how to PUT the file ({@code url}, {@code method}, signed {@code headers}, {@code expires_at}). */
    public static ObjectNode uploadLink(dev.oms.app.port.DocumentStorage.Upload u) {
        ObjectNode up = Json.object();
        up.put("url", u.url());
        up.put("method", u.method());
        ObjectNode headers = up.putObject("headers");
        u.headers().forEach(headers::put);
        up.put("expires_at", Times.format(u.expiresAt()));
        return up;
    }
}
