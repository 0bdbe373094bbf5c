package dev.oms.platform.dynamo;

import static dev.oms.platform.json.Shapes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.EditQuoteStore;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.order.EditQuote;
import dev.oms.platform.json.Times;
import java.time.Duration;
import java.util.Optional;

/**
 * Edit quotes: one item each, {@code PK = T#t#QUOTE#{quoteId}}, {@code SK = A}, outside the order's item collection so
 * that quoting leaves the order's version and reads alone. DynamoDB's TTL removes a quote a day after it expired (until
 * then an apply is answered 410 {@code quote.expired}).
 */
public final class DynamoEditQuoteStore implements EditQuoteStore {
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);
    private final SingleTable table;

    public DynamoEditQuoteStore(SingleTable table) { this.table = table; }

    static String pk(String tenant, String quoteId) { return "T#" + tenant + "#QUOTE#" + quoteId; }

    @Override
    public void create(EditQuote q, IdempotencyRecord idempotency) {
        IdempotencyStore.putNew(table, toItem(q), idempotency);
    }

    @Override
    public Optional<EditQuote> find(String tenantId, String orderId, String quoteId) {
        return table.get(pk(tenantId, quoteId), Keys.SINGLE).map(DynamoEditQuoteStore::fromItem).filter(q -> q.orderId().equals(orderId));
    }

    @Override
    public void replace(EditQuote q, IdempotencyRecord idempotency) {
        IdempotencyStore.putOver(table, toItem(q), idempotency);
    }

    @Override
    public Optional<EditQuote> find(String tenantId, String quoteId) {
        return table.get(pk(tenantId, quoteId), Keys.SINGLE).map(DynamoEditQuoteStore::fromItem);
    }

    /** {@code quote_ttl_minutes} of the tenant's settings item (1 to 1440), else the fallback. */
    @Override
    public int ttlMinutes(String tenantId, int fallback) {
        return table.get(Keys.settings(tenantId), Keys.SINGLE).map(i -> i.path("quote_ttl_minutes"))
                .filter(JsonNode::canConvertToInt).map(JsonNode::asInt).filter(m -> m >= 1 && m <= 1440).orElse(fallback);
    }

    static ObjectNode toItem(EditQuote q) {
        ObjectNode o = dev.oms.platform.json.Json.object();
        o.put(Keys.PK, pk(q.tenantId(), q.id()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "edit_quote");
        o.put("id", q.id());
        o.put("tenant_id", q.tenantId());
        o.put("order_id", q.orderId());
        o.put("based_on_version", q.basedOnVersion());
        o.put("created_by", q.createdBy());
        o.put("created_at", Times.format(q.createdAt()));
        o.put("expires_at_time", Times.format(q.expiresAt()));
        o.put("reason", q.reason());
        o.set("changes", EditShapes.changes(q.changes()));
        o.set("preview", EditShapes.preview(q.preview()));
        o.put(Keys.TTL, q.expiresAt().plus(KEEP_AFTER_EXPIRY).getEpochSecond());
        return o;
    }

    static EditQuote fromItem(JsonNode o) {
        return new EditQuote(text(o, "id"), text(o, "tenant_id"), text(o, "order_id"), o.path("based_on_version").asLong(),
                text(o, "created_by"), Times.parse(text(o, "created_at")), Times.parse(text(o, "expires_at_time")), text(o, "reason"),
                EditShapes.changes(o.path("changes")), EditShapes.preview(o.path("preview")), null);
    }
}
