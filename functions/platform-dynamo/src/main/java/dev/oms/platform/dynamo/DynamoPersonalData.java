package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.privacy.PersonalDataStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.order.Order;
import dev.oms.domain.privacy.PrivacyEventTypes;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link PersonalDataStore} on the single table. An order is one partition ({@code T#t#ORDER#{id}}): its children
 * ({@code C#...}) and events ({@code E#...}) are rewritten in place by {@link PersonalDataScrubber} (the stream
 * consumers act on inserts only, so a rewritten event is not published again); documents other than invoices and
 * credit notes are marked {@code erased} and their files handed back for deletion. Last, the header is rewritten
 * through {@link OrderItemMapper} (so its index keys follow: the customer index now names the pseudonym) with the
 * next version, the {@code order.personal_data_erased} event and a marker {@code SK = ERASED#{request}} in one
 * transaction: a second run of the same request finds the marker, changes nothing and answers what the first did
 * (its counts and the files to delete, so a step that failed after the marker still deletes them).
 */
public final class DynamoPersonalData implements PersonalDataStore {
    static final Set<String> TAX_DOCUMENTS = Set.of("invoice", "credit_note");
    private final SingleTable table;

    public DynamoPersonalData(SingleTable table) { this.table = table; }

    @Override
    public ErasedOrder eraseOrder(String tenantId, String orderId, String requestId, List<String> identifiers, String pseudonym, String eventId,
                                  CommandMeta meta) {
        String pk = Keys.order(tenantId, orderId);
        String marker = "ERASED#" + requestId;
        var done = table.get(pk, marker);
        if (done.isPresent()) { // erased by this request before (a step that runs again): what it did then
            List<String> kept = new ArrayList<>();
            done.get().path("files").forEach(f -> kept.add(f.asText()));
            return new ErasedOrder(orderId, done.get().path("items_rewritten").asLong(), done.get().path("events_rewritten").asLong(), kept, true);
        }
        List<ObjectNode> items = partition(pk);
        ObjectNode header = items.stream().filter(i -> Keys.ORDER_SK.equals(i.path(Keys.SK).asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no header"));
        Set<String> ids = new LinkedHashSet<>(identifiers);
        for (String address : List.of("shipping_address", "billing_address")) {
            JsonNode a = header.path(address);
            for (String f : List.of("email", "phone")) if (a.hasNonNull(f)) ids.add(a.get(f).asText());
        }
        PersonalDataScrubber scrubber = new PersonalDataScrubber(new ArrayList<>(ids), pseudonym);
        long rewritten = 0, events = 0;
        List<String> files = new ArrayList<>();
        for (ObjectNode item : items) {
            String sk = item.path(Keys.SK).asText();
            if (sk.equals(Keys.ORDER_SK) || sk.startsWith("ERASED#")) continue;
            ObjectNode next = scrubber.item(item);
            if (sk.startsWith(Keys.CHILD_SK_PREFIX + "document#") && !TAX_DOCUMENTS.contains(item.path("document_type").asText())
                    && !"erased".equals(item.path("status").asText())) {
                if (item.hasNonNull("storage_key")) files.add(item.get("storage_key").asText());
                next.put("status", "erased");
                next.put("file_name", PersonalDataScrubber.ERASED);
            }
            if (next.equals(item)) continue;
            table.put(next);
            if (sk.startsWith(Keys.EVENT_SK_PREFIX)) events++; else rewritten++;
        }
        ObjectNode scrubbedHeader = scrubber.item(header);
        Order order = OrderItemMapper.fromItem(scrubbedHeader);
        long previous = order.state().version;
        order.state().customerId = scrubber.replaced(header.path("customer_id").asText(""));
        order.state().version = previous + 1;
        order.state().updatedAt = meta.occurredAt();
        ObjectNode nextHeader = OrderItemMapper.toItem(order);
        TableTransaction tx = table.transaction().put(nextHeader,
                Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(previous))).build());
        ObjectNode event = EventItemMapper.toItem(pk, eventId, tenantId, orderId, previous + 1,
                DomainEvent.of(PrivacyEventTypes.ORDER_PERSONAL_DATA_ERASED, Map.of("request_id", requestId)), meta);
        tx.put(event);
        ObjectNode mark = Json.object();
        mark.put(Keys.PK, pk);
        mark.put(Keys.SK, marker);
        mark.put("type", "erasure_marker");
        mark.put("request_id", requestId);
        mark.put("items_rewritten", rewritten + 1);
        mark.put("events_rewritten", events);
        files.forEach(mark.putArray("files")::add);
        tx.put(mark, Expression.of("attribute_not_exists(PK)"));
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            throw new ConcurrentUpdateException(previous); // the order changed meanwhile: the step runs again
        }
        return new ErasedOrder(orderId, rewritten + 1, events, files, false);
    }

    @Override
    public long eraseDeliveries(String tenantId, List<String> orderIds, List<String> identifiers, String pseudonym) {
        if (orderIds.isEmpty()) return 0;
        PersonalDataScrubber scrubber = new PersonalDataScrubber(identifiers, pseudonym);
        Set<String> orders = Set.copyOf(orderIds);
        long rewritten = 0;
        for (ObjectNode webhook : partition(Keys.webhooks(tenantId))) {
            String webhookId = webhook.path("id").asText(null);
            if (webhookId == null || !webhook.path(Keys.SK).asText().startsWith("WH#")) continue;
            for (ObjectNode d : partition(Keys.webhookDeliveries(tenantId, webhookId))) {
                if (!orders.contains(d.path("order_id").asText())) continue;
                ObjectNode next = scrubber.item(d);
                if (d.hasNonNull("payload")) {
                    try {
                        next.put("payload", Json.write(scrubber.value("payload", Json.parse(d.get("payload").asText()))));
                    } catch (Exception unreadable) {
                        next.put("payload", PersonalDataScrubber.ERASED);
                    }
                }
                if (next.equals(d)) continue;
                table.put(next);
                rewritten++;
            }
        }
        return rewritten;
    }

    @Override
    public void eraseCustomerRecords(String tenantId, String customerId) {
        table.delete(DynamoImpersonationConsents.pk(tenantId, customerId), Keys.SINGLE);
    }

    private List<ObjectNode> partition(String pk) {
        List<ObjectNode> out = new ArrayList<>();
        table.query(TableQuery.builder().keyCondition(KeyCondition.partition(pk)).consistentRead(true).build()).items().forEach(out::add);
        return out;
    }
}
