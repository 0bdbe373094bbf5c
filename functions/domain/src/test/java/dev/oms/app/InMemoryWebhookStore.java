package dev.oms.app;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.port.WebhookStore;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A WebhookStore in memory with the DynamoDB one's rules: create-if-absent, updates at the expected version, deliveries
 * listed newest first. Public so the streams tests can use it too (this module's test jar).
 */
public final class InMemoryWebhookStore implements WebhookStore {
    public final Map<String, WebhookSubscription> subscriptions = new TreeMap<>();
    public final Map<String, WebhookDelivery> deliveries = new TreeMap<>();
    /** Runs once, before the next delivery update: lets a test change the delivery "concurrently". */
    public Runnable beforeNextDeliveryUpdate;

    private static String key(String tenant, String id) { return tenant + "/" + id; }

    private static String key(String tenant, String webhookId, String deliveryId) { return tenant + "/" + webhookId + "/" + deliveryId; }

    @Override
    public void createSubscription(WebhookSubscription s) {
        if (subscriptions.putIfAbsent(key(s.tenantId(), s.id()), s) != null) throw new IllegalStateException("exists");
    }

    @Override
    public Optional<WebhookSubscription> findSubscription(String tenantId, String webhookId) {
        return Optional.ofNullable(subscriptions.get(key(tenantId, webhookId)));
    }

    @Override
    public Page<WebhookSubscription> listSubscriptions(String tenantId, PageRequest page) {
        List<WebhookSubscription> all = ofTenant(tenantId);
        int from = page.position() == null ? 0 : Integer.parseInt(page.position());
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public List<WebhookSubscription> activeSubscriptions(String tenantId) {
        return ofTenant(tenantId).stream().filter(WebhookSubscription::isActive).toList();
    }

    @Override
    public int countSubscriptions(String tenantId) { return ofTenant(tenantId).size(); }

    private List<WebhookSubscription> ofTenant(String tenantId) {
        return subscriptions.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
    }

    @Override
    public void updateSubscription(WebhookSubscription s, long expectedVersion) {
        WebhookSubscription stored = subscriptions.get(key(s.tenantId(), s.id()));
        if (stored == null || stored.version() != expectedVersion) throw new ConcurrentUpdateException(stored == null ? 0 : stored.version());
        subscriptions.put(key(s.tenantId(), s.id()), s);
    }

    @Override
    public void deleteSubscription(String tenantId, String webhookId, long expectedVersion) {
        WebhookSubscription stored = subscriptions.get(key(tenantId, webhookId));
        if (stored == null || stored.version() != expectedVersion) throw new ConcurrentUpdateException(stored == null ? 0 : stored.version());
        subscriptions.remove(key(tenantId, webhookId));
    }

    @Override
    public boolean createDelivery(WebhookDelivery d) {
        return deliveries.putIfAbsent(key(d.tenantId(), d.webhookId(), d.id()), d) == null;
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String tenantId, String webhookId, String deliveryId) {
        return Optional.ofNullable(deliveries.get(key(tenantId, webhookId, deliveryId)));
    }

    @Override
    public void updateDelivery(WebhookDelivery d, long expectedVersion) {
        Runnable hook = beforeNextDeliveryUpdate;
        beforeNextDeliveryUpdate = null;
        if (hook != null) hook.run();
        WebhookDelivery stored = deliveries.get(key(d.tenantId(), d.webhookId(), d.id()));
        if (stored == null || stored.version() != expectedVersion) throw new ConcurrentUpdateException(stored == null ? 0 : stored.version());
        deliveries.put(key(d.tenantId(), d.webhookId(), d.id()), d);
    }

    @Override
    public Page<WebhookDelivery> listDeliveries(String tenantId, String webhookId, String state, PageRequest page) {
        List<WebhookDelivery> all = new ArrayList<>(deliveries.values().stream()
                .filter(d -> d.tenantId().equals(tenantId) && d.webhookId().equals(webhookId))
                .filter(d -> state == null || d.state().equals(state)).toList());
        all.sort(Comparator.comparing(WebhookDelivery::id).reversed());
        int to = Math.min(all.size(), page.limit());
        return new Page<>(all.subList(0, to), null);
    }

    /** The delivery with this id, whichever subscription it belongs to. */
    public WebhookDelivery delivery(String deliveryId) {
        return deliveries.values().stream().filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
    }
}
