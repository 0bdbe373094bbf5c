package dev.oms.domain.order;

/**
 * One line of an invoice or credit note, a snapshot of the order line (or {@code shipping}) when it was issued:
 * units, unit price, net, tax and total in minor units of the document's currency.
 */
public record InvoiceLine(String lineId, String sku, String description, long quantity, long unitPrice, long net, long tax,
                          long total) { }
