package dev.oms.domain.webhook;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import dev.oms.domain.order.OrderEventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant's subscription to order events: where to send them, which types ({@code *} for all), and the secret that
 * signs them. A rotated secret keeps signing beside the new one for {@link #PREVIOUS_SECRET_GRACE}, so receivers can
 * switch without losing a message. States: {@code active}, or {@code disabled} (the endpoint answered 410 Gone).
 */
public record WebhookSubscription(String id, String tenantId, String url, List<String> events, String description,
                                  String secret, String previousSecret, Instant previousSecretExpiresAt, String state,
                                  String disabledReason, Instant createdAt, Instant updatedAt, long version) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String ALL_EVENTS = "*";
    public static final Duration PREVIOUS_SECRET_GRACE = Duration.ofHours(24);
    public static final int MAX_PER_TENANT = 50;

    public WebhookSubscription {
        events = List.copyOf(events);
    }

    public static WebhookSubscription create(String id, String tenantId, String url, List<String> events, String description,
                                             String secret, Instant now) {
        return new WebhookSubscription(id, tenantId, url, checkedEvents(events), description, secret, null, null, ACTIVE,
                null, now, now, 1);
    }

    /** The event filter without duplicates; every entry must be a known order event type, or {@code *}. */
    static List<String> checkedEvents(List<String> events) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (!type.equals(ALL_EVENTS) && !OrderEventTypes.isKnown(type)) {
                errors.add(new FieldError("events[" + i + "]", "events.unknown_type",
                        type + " is not an order event type; use * or one of " + OrderEventTypes.ALL.stream().sorted().toList()));
            }
            unique.add(type);
        }
        if (events.isEmpty()) errors.add(new FieldError("events", "field.too_few", "Name at least one event type, or *"));
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
        return unique.contains(ALL_EVENTS) ? List.of(ALL_EVENTS) : List.copyOf(unique);
    }

    public boolean isActive() { return ACTIVE.equals(state); }

    public boolean matches(String eventType) { return events.contains(ALL_EVENTS) || events.contains(eventType); }

    /** The secrets that sign a message sent now: the current one, and the previous one during its grace period. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }

    public WebhookSubscription withNewSecret(String newSecret, Instant now) {
        return new WebhookSubscription(id, tenantId, url, events, description, newSecret, secret, now.plus(PREVIOUS_SECRET_GRACE),
                state, disabledReason, createdAt, now, version + 1);
    }

    public WebhookSubscription disabled(String reason, Instant now) {
        return new WebhookSubscription(id, tenantId, url, events, description, secret, previousSecret, previousSecretExpiresAt,
                DISABLED, reason, createdAt, now, version + 1);
    }
}
