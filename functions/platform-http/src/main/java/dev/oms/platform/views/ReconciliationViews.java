package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.reconciliation.OrderReconciliation;
import dev.oms.platform.json.Json;

/** The JSON of an order's reconciliation ({@link OrderReconciliation}): figures in minor units of {@code currency}, discrepancies by code. */
public final class ReconciliationViews {
    private ReconciliationViews() { }

    public static ObjectNode report(OrderReconciliation.Report r) {
        ObjectNode o = Json.object();
        o.put("order_id", r.orderId());
        o.put("currency", r.currency());
        o.put("balanced", r.balanced());
        o.put("order_total", r.orderTotal());
        o.put("amount_owed", r.amountOwed());
        ObjectNode pay = o.putObject("payments");
        pay.put("authorized", r.authorized()).put("captured", r.captured()).put("refunded", r.refundedToPayments())
                .put("store_credit", r.storeCredit()).put("net_paid", r.netPaid()).put("balance_due", r.balanceDue());
        ObjectNode inv = o.putObject("invoices");
        inv.put("invoice_count", r.invoiceCount()).put("credit_note_count", r.creditNoteCount()).put("invoiced", r.invoiced())
                .put("credited", r.credited()).put("net_invoiced", r.netInvoiced());
        o.putObject("settlements").put("settled", r.settled()).put("fees", r.settlementFees()).put("net", r.settled() - r.settlementFees());
        ArrayNode d = o.putArray("discrepancies");
        for (OrderReconciliation.Discrepancy x : r.discrepancies()) d.addObject().put("code", x.code()).put("amount", x.amount()).put("message", x.message());
        return o;
    }
}
