package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.InvoiceLine;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;

/** Stores an order's invoices and credit notes (the PDFs are documents in S3). */
final class InvoiceCodec implements ChildCodec<Invoice> {
    @Override public String kind() { return "invoice"; }
    @Override public Class<Invoice> type() { return Invoice.class; }
    @Override public boolean addressable() { return false; }

    @Override
    public ObjectNode toItem(Invoice i) {
        ObjectNode o = Json.object();
        o.put("id", i.id());
        o.put("invoice_type", i.type());
        o.put("number", i.number());
        o.put("sequence", i.sequence());
        o.put("status", i.status());
        o.put("total", i.total().minor());
        o.put("tax", i.tax().minor());
        o.put("currency", i.total().currency());
        ArrayNode lines = o.putArray("lines");
        for (InvoiceLine l : i.lines()) {
            lines.addObject().put("line_id", l.lineId()).put("sku", l.sku()).put("description", l.description())
                    .put("quantity", l.quantity()).put("unit_price", l.unitPrice()).put("net", l.net()).put("tax", l.tax()).put("total", l.total());
        }
        o.put("refund_id", i.refundId());
        o.put("invoice_id", i.invoiceId());
        o.put("document_id", i.documentId());
        o.put("issued_at", Times.format(i.issuedAt()));
        o.put("updated_at", Times.format(i.updatedAt()));
        return o;
    }

    @Override
    public Invoice fromItem(JsonNode o) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (JsonNode l : o.path("lines")) {
            lines.add(new InvoiceLine(text(l, "line_id"), text(l, "sku"), text(l, "description"), l.path("quantity").asLong(),
                    l.path("unit_price").asLong(), l.path("net").asLong(), l.path("tax").asLong(), l.path("total").asLong()));
        }
        String currency = text(o, "currency");
        return new Invoice(text(o, "id"), text(o, "invoice_type"), text(o, "number"), o.path("sequence").asLong(), text(o, "status"),
                Money.of(o.path("total").asLong(), currency), Money.of(o.path("tax").asLong(), currency), lines, text(o, "refund_id"),
                text(o, "invoice_id"), text(o, "document_id"), Times.parse(text(o, "issued_at")), Times.parse(text(o, "updated_at")));
    }
}
