package dev.oms.platform.events;

import java.util.Map;

/**
 * An order event as an EventBridge rule delivers it to a Lambda target: {@code detail-type} and the envelope in
 * {@code detail} (see {@link EventEnvelope}). The one place subscribers read it.
 */
public record OrderEventDetail(String type, String id, String tenantId, String orderId, String correlationId,
                               Map<String, Object> data) {

    /** The event, or null when the input has no {@code detail} (not an order event). */
    @SuppressWarnings("unchecked")
    public static OrderEventDetail of(Map<String, Object> event) {
        Object raw = event.get("detail");
        if (!(raw instanceof Map<?, ?>)) return null;
        Map<String, Object> detail = (Map<String, Object>) raw;
        Object data = detail.get("data");
        return new OrderEventDetail(String.valueOf(event.get("detail-type")), text(detail, "id"), text(detail, "tenant_id"),
                text(detail, "order_id"), text(detail, "correlation_id"), data instanceof Map<?, ?> ? (Map<String, Object>) data : Map.of());
    }

    /** A value of {@code data} as text ({@code "null"} when absent, as the subscribers always read it). */
    public String dataText(String key) { return String.valueOf(data.get(key)); }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
