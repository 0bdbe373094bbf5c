package dev.oms.platform.jobs;

import dev.oms.app.port.OrderFilter;
import dev.oms.domain.order.OrderStatus;
import dev.oms.platform.http.Body;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order list filters of exports and bulk changes ({@code status}, {@code customer_id}, {@code channel},
 * {@code from}, {@code to}, {@code min_total}: the same as {@code GET /v1/orders}), read from a request body into job
 * parameters and back into an {@link OrderFilter} for the runner.
 */
public final class JobParameters {
    public static final String[] FILTER_FIELDS = {"status", "customer_id", "channel", "from", "to", "min_total"};

    private JobParameters() { }

    /** Validates the filter fields of a body (recording errors on it) and answers them as parameters. */
    public static Map<String, Object> filter(Body b) {
        Map<String, Object> out = new LinkedHashMap<>();
        String status = b.string("status", false, 32);
        if (status != null && !OrderStatus.isWire(status)) b.error("status", "field.not_allowed", "Unknown status " + status);
        else if (status != null) out.put("status", status);
        putIfPresent(out, "customer_id", b.string("customer_id", false, 128));
        putIfPresent(out, "channel", b.string("channel", false, 64));
        for (String t : new String[] {"from", "to"}) {
            String v = b.string(t, false, 40);
            if (v == null) continue;
            try {
                Instant.parse(v);
                out.put(t, v);
            } catch (DateTimeParseException e) {
                b.error(t, "field.type", t + " must be an RFC 3339 UTC time such as 2025-08-29T12:00:00Z");
            }
        }
        putIfPresent(out, "min_total", b.integer("min_total", false, 0, Long.MAX_VALUE));
        return out;
    }

    /** The body of an export request (the filter fields and {@code format}: csv, the default, ndjson or parquet) as job parameters. */
    public static Map<String, Object> export(Body b) {
        java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of(FILTER_FIELDS));
        fields.add("format");
        b.allow(fields.toArray(String[]::new));
        Map<String, Object> params = filter(b);
        String format = b.oneOf("format", false, java.util.Set.of("csv", "ndjson", "parquet"));
        b.check();
        params.put("format", format == null ? "csv" : format);
        return params;
    }

    /** The list filter that the stored parameters describe, oldest first. */
    /** The parameter that keeps a warehouse key's scope for the job it submitted: the job runs scoped as the key would. */
    public static final String WAREHOUSE_SCOPE = "warehouse_scope";

    /** At most this many order ids in one bulk request. */
    public static final int MAX_BULK_ORDERS = 1000;

    /**
     * The parameters of a bulk status change ({@code BULK_UPDATE_STATUS}): {@code order_ids} (1 to 1,000) or
     * {@code filter} (the list filter), {@code action}, {@code reason} (required to hold) and {@code hold_type}. The
     * caller allows its own extra fields first and calls {@link Body#check()}.
     */
    public static Map<String, Object> bulkStatus(Body b) {
        String action = b.oneOf("action", true, dev.oms.app.OrderStatusActions.ACTIONS);
        String reason = b.string("reason", "hold".equals(action), 500);
        String holdType = b.oneOf("hold_type", false, dev.oms.domain.order.Hold.TYPES);
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        java.util.List<String> ids = orderIds(b);
        Body filter = b.object("filter", false);
        if ((ids == null) == (filter == null) && b.errors().isEmpty()) {
            b.error("order_ids", "field.exclusive", "Give either order_ids or filter");
        }
        if (ids != null) params.put("order_ids", ids);
        if (filter != null) {
            filter.allow(FILTER_FIELDS);
            params.put("filter", filter(filter));
        }
        if (action != null) params.put("action", action);
        if (reason != null) params.put("reason", reason);
        if (holdType != null) params.put("hold_type", holdType);
        return params;
    }

    private static java.util.List<String> orderIds(Body b) {
        com.fasterxml.jackson.databind.JsonNode v = b.node().get("order_ids");
        if (v == null || v.isNull()) return null;
        if (!v.isArray() || v.isEmpty() || v.size() > MAX_BULK_ORDERS) {
            b.error("order_ids", "field.size", "order_ids must be an array of 1 to " + MAX_BULK_ORDERS + " order ids");
            return null;
        }
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode id = v.get(i);
            if (!id.isTextual() || id.textValue().isBlank() || id.textValue().length() > 128) {
                b.error("order_ids[" + i + "]", "field.type", "must be an order id");
            } else if (!ids.contains(id.textValue())) {
                ids.add(id.textValue());
            }
        }
        return ids;
    }

    public static OrderFilter orderFilter(Map<String, Object> params) {
        return new OrderFilter(text(params, "status"), text(params, "customer_id"), text(params, "channel"),
                instant(params, "from"), instant(params, "to"),
                params.get("min_total") instanceof Number n ? n.longValue() : null, false);
    }

    public static String text(Map<String, Object> params, String name) {
        Object v = params.get(name);
        return v == null ? null : v.toString();
    }

    private static Instant instant(Map<String, Object> params, String name) {
        String v = text(params, name);
        return v == null ? null : Instant.parse(v);
    }

    private static void putIfPresent(Map<String, Object> m, String k, Object v) { if (v != null) m.put(k, v); }
}
