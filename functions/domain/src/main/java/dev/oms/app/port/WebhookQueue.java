package dev.oms.app.port;

import java.util.List;

/** The queue of deliveries waiting to be sent: each message names one delivery of the log. */
public interface WebhookQueue {

    record DeliveryRef(String tenantId, String webhookId, String deliveryId) { }

    /** Queues them all or throws (a {@code DomainException} of kind UNAVAILABLE); some may be queued when it throws. */
    void enqueue(List<DeliveryRef> deliveries);
}
