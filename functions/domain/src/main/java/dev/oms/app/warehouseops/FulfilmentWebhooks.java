package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.WebhookSubscriptions;
import dev.oms.app.WebhookSubscriptions.TestSend;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.warehouse.ops.FulfilmentWebhookEvents;
import dev.oms.domain.webhook.WebhookSubscription;
import java.util.ArrayList;
import java.util.List;

/**
 * The fulfilment service's webhook subscriptions: the tenant's subscriptions of {@link WebhookSubscriptions} (the same
 * store, signing, retries, delivery log and DLQ) limited to the fulfilment event types of {@link FulfilmentWebhookEvents}.
 * A subscription naming another type is not on this surface: listed nowhere here, and 404 to delete.
 */
public final class FulfilmentWebhooks {
    private final WebhookSubscriptions webhooks;

    public FulfilmentWebhooks(WebhookSubscriptions webhooks) { this.webhooks = webhooks; }

    /** A page of the tenant's subscriptions with only the fulfilment ones kept (a page may hold fewer than asked). */
    public Page<WebhookSubscription> list(CommandContext ctx, PageRequest page) {
        Page<WebhookSubscription> all = webhooks.list(ctx, page);
        List<WebhookSubscription> mine = new ArrayList<>();
        for (WebhookSubscription s : all.items()) if (FulfilmentWebhookEvents.covers(s.events())) mine.add(s);
        return new Page<>(mine, all.nextPosition());
    }

    public WebhookSubscription create(CommandContext ctx, String url, List<String> events, String description, String secret) {
        checkTypes("events", events);
        return webhooks.create(ctx, url, events, description, secret);
    }

    public void delete(CommandContext ctx, String webhookId) {
        get(ctx, webhookId);
        webhooks.delete(ctx, webhookId);
    }

    /** A signed test message to one of the fulfilment subscriptions, or to a bare URL. */
    public TestSend sendTest(CommandContext ctx, String webhookId, String url, String payload) {
        if (webhookId != null) get(ctx, webhookId);
        return webhooks.sendTest(ctx, webhookId, url, payload);
    }

    private WebhookSubscription get(CommandContext ctx, String webhookId) {
        WebhookSubscription s = webhooks.get(ctx, webhookId);
        if (!FulfilmentWebhookEvents.covers(s.events())) {
            throw DomainException.notFound("webhook.not_found", "No fulfilment webhook subscription " + webhookId);
        }
        return s;
    }

    /** Every type must be a fulfilment event type. */
    public static void checkTypes(String field, List<String> events) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!FulfilmentWebhookEvents.ALL.contains(events.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", "events.unknown_type", events.get(i) + " is not a fulfilment event type"));
            }
        }
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }
}
