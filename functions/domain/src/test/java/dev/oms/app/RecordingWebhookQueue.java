package dev.oms.app;

import dev.oms.app.port.WebhookQueue;
import dev.oms.domain.DomainException;
import java.util.ArrayList;
import java.util.List;

/** Remembers what was queued; {@link #failing} makes the next calls fail as an unreachable queue would. */
public final class RecordingWebhookQueue implements WebhookQueue {
    public final List<DeliveryRef> queued = new ArrayList<>();
    public boolean failing;

    @Override
    public void enqueue(List<DeliveryRef> deliveries) {
        if (failing) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "webhook.queue_unavailable", "queue down", "Retry.");
        }
        queued.addAll(deliveries);
    }
}
