package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.RecordedEvent;
import dev.oms.app.privacy.ErasureRequestStore;
import dev.oms.domain.privacy.ErasureRequest;
import dev.oms.domain.privacy.ErasureRequest.Blocker;
import dev.oms.domain.privacy.ErasureRequest.Certificate;
import dev.oms.platform.events.EventEnvelope;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Erasure requests: {@code PK = T#t#ERASURE#{request}}, {@code SK = A} (versioned), their events in the same partition
 * (subject {@code erasure_request}), and per subject {@code PK = T#t#ERASURE_SUBJECT#{digest}}, {@code SK = A}: the
 * latest request. The request's first write carries the workflow's start guard ({@link SagaStartGuards}), so a start
 * lost on the way is started again by the saga sweeper.
 */
public final class DynamoErasureRequests implements ErasureRequestStore {
    private final SingleTable table;

    public DynamoErasureRequests(SingleTable table) { this.table = table; }

    static String pk(String tenant, String requestId) { return "T#" + tenant + "#ERASURE#" + requestId; }

    static String subjectPk(String tenant, String digest) { return "T#" + tenant + "#ERASURE_SUBJECT#" + digest; }

    @Override
    public Optional<ErasureRequest> find(String tenantId, String requestId) {
        return table.get(pk(tenantId, requestId), Keys.SINGLE).map(i -> read(tenantId, i));
    }

    @Override
    public Optional<ErasureRequest> latest(String tenantId, String subjectDigest) {
        return table.get(subjectPk(tenantId, subjectDigest), Keys.SINGLE).flatMap(p -> find(tenantId, p.path("request_id").asText()));
    }

    @Override
    public void create(ErasureRequest r, String previousRequestId, RecordedEvent event, IdempotencyRecord idempotency) {
        TableTransaction tx = table.transaction().put(item(r), Expression.of("attribute_not_exists(PK)"));
        ObjectNode pointer = Json.object();
        pointer.put(Keys.PK, subjectPk(r.tenantId(), r.subjectDigest()));
        pointer.put(Keys.SK, Keys.SINGLE);
        pointer.put("type", "erasure_subject");
        pointer.put("request_id", r.id());
        Expression latest = previousRequestId == null ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("request_id = :previous").putExpressionValue(":previous", AttributeValue.fromS(previousRequestId)).build();
        tx.put(pointer, latest);
        ObjectNode eventItem = eventItem(r, event);
        tx.put(eventItem);
        ObjectNode guard = SagaStartGuards.itemFor(EventEnvelope.fromItem(eventItem), event.meta().occurredAt());
        if (guard != null) tx.put(guard);
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        write(tx, idempotency != null ? (guard != null ? 4 : 3) : -1);
    }

    @Override
    public void save(ErasureRequest r, RecordedEvent event) {
        TableTransaction tx = table.transaction().put(item(r), Expression.builder().expression("version = :v")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(r.version() - 1))).build());
        if (event != null) tx.put(eventItem(r, event));
        write(tx, -1);
    }

    private void write(TableTransaction tx, int idempotencyIndex) {
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && idempotencyIndex >= 0 && reasons.size() > idempotencyIndex
                    && "ConditionalCheckFailed".equals(reasons.get(idempotencyIndex).code())) {
                throw IdempotencyStore.lostClaim();
            }
            if (reasons != null && reasons.stream().anyMatch(x -> "ConditionalCheckFailed".equals(x.code()))) throw new ConcurrentUpdateException(0);
            throw e;
        }
    }

    private static ObjectNode eventItem(ErasureRequest r, RecordedEvent event) {
        return EventItemMapper.toAggregateItem(pk(r.tenantId(), r.id()), event.eventId(), r.tenantId(), "erasure_request", r.id(), r.version(),
                event.event(), event.meta());
    }

    static ObjectNode item(ErasureRequest r) {
        ObjectNode o = Json.object();
        o.put(Keys.PK, pk(r.tenantId(), r.id()));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "erasure_request");
        o.put("id", r.id());
        o.put("subject_digest", r.subjectDigest());
        if (r.customerId() != null) o.put("customer_id", r.customerId());
        o.set("identifiers", Json.valueToTree(r.identifiers()));
        o.put("pseudonym", r.pseudonym());
        o.put("status", r.status());
        o.set("order_ids", Json.valueToTree(r.orderIds()));
        o.put("position", r.position());
        ArrayNode blockers = o.putArray("blockers");
        for (Blocker b : r.blockers()) blockers.addObject().put("order_id", b.orderId()).put("code", b.code()).put("message", b.message());
        Certificate c = r.certificate();
        if (c != null) {
            ObjectNode x = o.putObject("certificate");
            x.put("orders_erased", c.ordersErased());
            x.put("items_rewritten", c.itemsRewritten());
            x.put("events_rewritten", c.eventsRewritten());
            x.put("deliveries_rewritten", c.deliveriesRewritten());
            x.put("documents_deleted", c.documentsDeleted());
            x.set("kept", Json.valueToTree(c.kept()));
            x.put("completed_at", Times.format(c.completedAt()));
        }
        if (r.failure() != null) o.put("failure", r.failure());
        o.put("requested_at", Times.format(r.requestedAt()));
        o.put("updated_at", Times.format(r.updatedAt()));
        o.put("version", r.version());
        return o;
    }

    static ErasureRequest read(String tenantId, JsonNode o) {
        List<Blocker> blockers = new ArrayList<>();
        o.path("blockers").forEach(b -> blockers.add(new Blocker(Shapes.text(b, "order_id"), Shapes.text(b, "code"), Shapes.text(b, "message"))));
        JsonNode c = o.get("certificate");
        Certificate certificate = c == null || c.isNull() ? null : new Certificate(c.path("orders_erased").asInt(), c.path("items_rewritten").asLong(),
                c.path("events_rewritten").asLong(), c.path("deliveries_rewritten").asLong(), c.path("documents_deleted").asLong(),
                strings(c.path("kept")), Times.parse(Shapes.text(c, "completed_at")));
        return new ErasureRequest(tenantId, Shapes.text(o, "id"), Shapes.text(o, "subject_digest"), Shapes.text(o, "customer_id"),
                strings(o.path("identifiers")), Shapes.text(o, "pseudonym"), Shapes.text(o, "status"), strings(o.path("order_ids")),
                o.path("position").asInt(), blockers, certificate, Shapes.text(o, "failure"), Times.parse(Shapes.text(o, "requested_at")),
                Times.parse(Shapes.text(o, "updated_at")), o.path("version").asLong());
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
