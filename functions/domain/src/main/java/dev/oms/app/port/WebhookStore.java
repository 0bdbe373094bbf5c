package dev.oms.app.port;

import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions of a tenant, and the delivery log of each. */
public interface WebhookStore {

    void createSubscription(WebhookSubscription subscription);

    Optional<WebhookSubscription> findSubscription(String tenantId, String webhookId);

    Page<WebhookSubscription> listSubscriptions(String tenantId, PageRequest page);

    /** The tenant's active subscriptions, all of them (there are at most {@link WebhookSubscription#MAX_PER_TENANT}). */
    List<WebhookSubscription> activeSubscriptions(String tenantId);

    /** How many subscriptions the tenant has, active or not. */
    int countSubscriptions(String tenantId);

    /** @throws ConcurrentUpdateException when the stored subscription is not at {@code expectedVersion} */
    void updateSubscription(WebhookSubscription subscription, long expectedVersion);

    /** @throws ConcurrentUpdateException when the stored subscription is not at {@code expectedVersion} */
    void deleteSubscription(String tenantId, String webhookId, long expectedVersion);

    /** Stores a new delivery; false (and nothing written) when one with its id exists. */
    boolean createDelivery(WebhookDelivery delivery);

    Optional<WebhookDelivery> findDelivery(String tenantId, String webhookId, String deliveryId);

    /** @throws ConcurrentUpdateException when the stored delivery is not at {@code expectedVersion} */
    void updateDelivery(WebhookDelivery delivery, long expectedVersion);

    /** A subscription's deliveries, newest event first; {@code state} null for all. */
    Page<WebhookDelivery> listDeliveries(String tenantId, String webhookId, String state, PageRequest page);
}
