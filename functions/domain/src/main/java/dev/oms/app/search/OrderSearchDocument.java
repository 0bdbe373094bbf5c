package dev.oms.app.search;

import java.time.Instant;
import java.util.List;

/**
 * What the search index holds of one order: the header, the line SKUs, the shipments' tracking numbers, the payment,
 * fulfilment and return statuses, the references, and the text the full-text query reads (customer name and email,
 * both addresses, the notes). {@code version} is the order's: the index keeps the newest version it was given.
 */
public record OrderSearchDocument(String tenantId, String id, long orderNumber, long version, String status,
                                  String channel, String customerId, String customerName, String customerEmail,
                                  String currency, long total, String paymentStatus, String fulfillmentStatus,
                                  String returnStatus, String externalReference, String merchantReference,
                                  String customerReference, List<String> skus, List<String> trackingNumbers,
                                  List<String> addresses, List<String> notes, Instant createdAt, Instant updatedAt) {
    public OrderSearchDocument {
        skus = List.copyOf(skus);
        trackingNumbers = List.copyOf(trackingNumbers);
        addresses = List.copyOf(addresses);
        notes = List.copyOf(notes);
    }
}
