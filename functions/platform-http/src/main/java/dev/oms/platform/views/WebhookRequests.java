package dev.oms.platform.views;

import dev.oms.platform.http.Body;
import dev.oms.platform.webhooks.WebhookUrlGuard;
import java.util.List;

/**
 * Reads the body of a new webhook subscription ({@code CreateWebhookSubscriptionRequest}): {@code {"url", "events",
 * "description"?, "secret"?}}, for {@code POST /v1/orders/webhooks} and {@code POST /v1/admin/webhooks}.
 */
public final class WebhookRequests {
    public static final int MAX_EVENT_FILTERS = 50;

    private WebhookRequests() { }

    /** What a new subscription asks for; the use case checks the event types and the tenant's limit. */
    public record Creation(String url, List<String> events, String description, String secret) { }

    /** The request, every field problem reported at once (400). */
    public static Creation creation(String body, WebhookUrlGuard guard) {
        Body b = Body.parse(body);
        b.allow("url", "events", "description", "secret");
        String url = WebhookViews.url(b, "url", true, guard);
        List<String> events = b.strings("events", true, 1, MAX_EVENT_FILTERS, 64);
        String description = b.string("description", false, 500);
        String secret = WebhookViews.secret(b);
        b.check();
        return new Creation(url, events, description, secret);
    }
}
