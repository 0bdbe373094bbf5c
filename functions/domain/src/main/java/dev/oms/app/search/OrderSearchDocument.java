package dev.oms.app.search;

import java.time.Instant;
import java.util.List;

/**
 * What the search index holds of one order: the header, the line SKUs, the shipments' tracking numbers, the payment,
 * fulfilment and return statuses, the references, and the text the full-text query reads (customer name and email,
 * both addresses, the notes), and the fraud screening's score and fired rules (admin search only). {@code version} is the order's: the index keeps the newest version it was given.
 */
public record OrderSearchDocument(String tenantId, String id, long orderNumber, long version, String status,
                                  String channel, String customerId, String customerName, String customerEmail,
                                  String currency, long total, String paymentStatus, String fulfillmentStatus,
                                  String returnStatus, String externalReference, String merchantReference,
                                  String customerReference, List<String> skus, List<String> trackingNumbers,
                                  List<String> addresses, List<String> notes, Instant createdAt, Instant updatedAt,
                                  Integer fraudScore, List<String> fraudRules) {
    public OrderSearchDocument {
        skus = List.copyOf(skus);
        trackingNumbers = List.copyOf(trackingNumbers);
        addresses = List.copyOf(addresses);
        notes = List.copyOf(notes);
        fraudRules = fraudRules == null ? List.of() : List.copyOf(fraudRules);
    }

    /** A document of an order that was never screened for fraud. */
    public OrderSearchDocument(String tenantId, String id, long orderNumber, long version, String status, String channel, String customerId,
                               String customerName, String customerEmail, String currency, long total, String paymentStatus,
                               String fulfillmentStatus, String returnStatus, String externalReference, String merchantReference,
                               String customerReference, List<String> skus, List<String> trackingNumbers, List<String> addresses,
                               List<String> notes, Instant createdAt, Instant updatedAt) {
        this(tenantId, id, orderNumber, version, status, channel, customerId, customerName, customerEmail, currency, total, paymentStatus,
                fulfillmentStatus, returnStatus, externalReference, merchantReference, customerReference, skus, trackingNumbers, addresses,
                notes, createdAt, updatedAt, null, List.of());
    }
}
