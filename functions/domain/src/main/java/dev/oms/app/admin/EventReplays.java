package dev.oms.app.admin;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderEventPayloads;
import dev.oms.app.port.OrderEventPayloads.EventPayload;
import dev.oms.app.port.WebhookQueue;
import dev.oms.app.port.WebhookQueue.DeliveryRef;
import dev.oms.app.port.WebhookStore;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.OrderEventReplays;
import dev.oms.domain.webhook.WebhookDelivery;
import dev.oms.domain.webhook.WebhookSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replays an order's events to one webhook subscription (the admin's {@code replay-events}, a diagnostic): each event
 * the subscription wants (optionally only some types) is sent again as a delivery of its own, with the envelope it was
 * published with and {@code metadata.oms_replay_id} set, so receivers can tell a replay from the original (whose
 * {@code webhook-id} differs). Audited as {@code order.events_replayed} on the order (actor, reason, correlation id);
 * at most one replay per order a minute (409 {@code replay.too_soon}) and {@value #MAX_EVENTS} events.
 */
public final class EventReplays {
    public static final int MAX_EVENTS = 500;
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final OrderTransactions tx;
    private final OrderEventPayloads events;
    private final WebhookStore webhooks;
    private final WebhookQueue queue;
    private final IdGenerator ids;
    private final Clock clock;

    public EventReplays(OrderTransactions tx, OrderEventPayloads events, WebhookStore webhooks, WebhookQueue queue, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.events = events;
        this.webhooks = webhooks;
        this.queue = queue;
        this.ids = ids;
        this.clock = clock;
    }

    /** One replayed event: its id and type, and the delivery that carries it (null in a dry run). */
    public record Replayed(String eventId, String type, String deliveryId) { }

    public record Replay(String replayId, String webhookId, boolean dryRun, List<Replayed> events) { }

    public Replay replay(CommandContext ctx, String orderId, String webhookId, Set<String> types, boolean dryRun) {
        tx.get(ctx, orderId); // 404 for another tenant's or a missing order
        WebhookSubscription s = webhooks.findSubscription(ctx.tenantId(), webhookId)
                .orElseThrow(() -> DomainException.notFound("webhook.not_found", "No webhook subscription " + webhookId));
        if (!s.isActive()) {
            throw DomainException.conflict("webhook.disabled", "Webhook subscription " + webhookId + " is disabled: " + s.disabledReason(),
                    "Replay to an active subscription.");
        }
        String replayId = ids.next("rpl");
        List<EventPayload> all = events.replayOf(ctx.tenantId(), orderId, MAX_EVENTS + 1, replayId);
        if (all.size() > MAX_EVENTS) {
            throw DomainException.unprocessable("replay.too_many_events", "Order " + orderId + " has more than " + MAX_EVENTS + " events",
                    "Replay only some event types (event_types).");
        }
        Instant now = clock.instant();
        for (EventPayload p : all) {
            if (OrderEventReplays.REPLAYED.equals(p.type()) && p.occurredAt().isAfter(now.minus(MIN_INTERVAL))) {
                long wait = Math.max(1, Duration.between(now, p.occurredAt().plus(MIN_INTERVAL)).toSeconds());
                throw DomainException.conflict("replay.too_soon", "Order " + orderId + " was replayed less than a minute ago",
                        "Wait " + wait + " seconds and replay again.").with("retry_after_seconds", wait);
            }
        }
        List<EventPayload> chosen = all.stream()
                .filter(p -> !OrderEventReplays.REPLAYED.equals(p.type()))
                .filter(p -> types.isEmpty() || types.contains(p.type()))
                .filter(p -> s.matches(p.type())).toList();
        if (chosen.isEmpty()) {
            throw DomainException.unprocessable("replay.no_events", "No event of order " + orderId + " is for this subscription"
                    + (types.isEmpty() ? "" : " among " + types), "Check the subscription's events and the event_types asked.");
        }
        if (dryRun) {
            return new Replay(replayId, webhookId, true, chosen.stream().map(p -> new Replayed(p.id(), p.type(), null)).toList());
        }
        List<String> eventIds = chosen.stream().map(EventPayload::id).toList();
        tx.mutate(ctx, orderId, false, o -> {
            OrderEventReplays.record(o, replayId, webhookId, eventIds, now);
            return o;
        });
        List<Replayed> replayed = new ArrayList<>();
        List<DeliveryRef> refs = new ArrayList<>();
        for (EventPayload p : chosen) {
            WebhookDelivery d = WebhookDelivery.replay(ctx.tenantId(), webhookId, p.id(), replayId, p.type(), orderId, p.json(), now);
            webhooks.createDelivery(d);
            refs.add(new DeliveryRef(ctx.tenantId(), webhookId, d.id()));
            replayed.add(new Replayed(p.id(), p.type(), d.id()));
        }
        queue.enqueue(refs);
        return new Replay(replayId, webhookId, false, replayed);
    }
}
