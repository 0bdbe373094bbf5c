package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Saga starts not confirmed yet: the sparse item set the saga sweeper reads. An event that requests a saga
 * ({@code order.cancellation_requested}, {@code fulfillment.requested}, {@code return.created}) is written with a
 * guard item in the same transaction ({@link #itemFor}); the saga's starter deletes the guard once Step Functions has
 * the execution ({@link #confirm}). A guard still there after the grace period means the start was lost somewhere
 * (the stream, EventBridge, the starter): the sweeper finds it through GSI1 without a Scan and starts the saga again
 * under the same execution name.
 *
 * <p>Keys: {@code PK = T#t#SAGASTART#{subject}} ({@code can_...}, {@code ful_...}, {@code ret_...}), {@code SK = A};
 * while pending, {@code GSI1PK = SAGASTARTS#{shard}} (one of {@link #SHARDS} partitions, across tenants: the sweeper
 * is maintenance, not a request path) and {@code GSI1SK = {due epoch seconds, 12 digits}#{tenant}#{subject}}. A
 * parked guard loses its GSI1 keys and stays as a record.
 */
public final class SagaStartGuards {
    public static final int SHARDS = 4;
    /** How long a start may take before the sweeper looks at it: {@code SAGA_START_GRACE_SECONDS} (120). */
    public static Duration grace() { return Duration.ofSeconds(Long.parseLong(dev.oms.platform.config.Env.get("SAGA_START_GRACE_SECONDS", "120"))); }
    private static final Map<String, String> SUBJECTS = Map.of("order.cancellation_requested", "cancellation_id",
            "fulfillment.requested", "fulfillment_id", "return.created", "return_id",
            "order.edit_settlement_requested", "edit_id", // issue 11: the edit-order saga
            "customer.erasure_requested", "request_id"); // issue 12: the gdpr-erasure workflow

    /** One pending (or parked) start: the event that asked for the saga, as the stream publisher sends it. */
    public record Guard(String tenantId, String orderId, String subjectId, String eventType, String event, int attempts,
                        String state, String lastError) {
        public JsonNode envelope() {
            try {
                return Json.parse(event);
            } catch (Exception e) {
                throw new IllegalStateException("saga start guard of " + subjectId + " holds no event", e);
            }
        }
    }

    private final SingleTable table;
    private final Clock clock;

    public SagaStartGuards(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** The guard to write with an event item, or null when the event requests no saga. */
    public static ObjectNode itemFor(ObjectNode envelope, Instant requestedAt) {
        String type = envelope.path("type").asText();
        String subjectField = SUBJECTS.get(type);
        if (subjectField == null) return null;
        String subject = envelope.path("data").path(subjectField).asText(null);
        if (subject == null) return null;
        String tenant = envelope.path("tenant_id").asText();
        ObjectNode o = Json.object();
        o.put(Keys.PK, pk(tenant, subject));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "saga_start");
        o.put("state", "pending");
        o.put("tenant_id", tenant);
        o.put("order_id", envelope.path("order_id").asText());
        o.put("subject_id", subject);
        o.put("event_type", type);
        o.put("event", Json.write(envelope));
        o.put("attempts", 0);
        o.put("requested_at", requestedAt.toString());
        o.put(Keys.GSI1PK, shard(subject));
        o.put(Keys.GSI1SK, dueKey(requestedAt.plus(grace()), tenant, subject));
        return o;
    }

    /** The start happened (or Step Functions already had the execution): the guard goes. */
    public void confirm(String tenant, String subjectId) {
        table.delete(pk(tenant, subjectId), Keys.SINGLE);
    }

    public Optional<Guard> find(String tenant, String subjectId) {
        return table.get(pk(tenant, subjectId), Keys.SINGLE).map(SagaStartGuards::fromItem);
    }

    /** Pending guards whose time has come, oldest first, at most {@code limit} per shard (GSI1: eventually consistent). */
    public List<Guard> due(int limit) {
        String upTo = String.format("%012d", clock.instant().getEpochSecond()) + "#~";
        List<Guard> out = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            String shard = Keys.sagaStartShard(s);
            var page = table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.sortLessThanOrEqualTo(shard, upTo))
                    .limit(limit).build()).iterator().next();
            page.items().forEach(i -> out.add(fromItem(i)));
        }
        return out;
    }

    /** Counts a failed attempt and looks again after {@code wait}; false when the guard changed meanwhile. */
    public boolean retryLater(Guard g, Duration wait, String error) {
        Instant due = clock.instant().plus(wait);
        return update(g, "SET attempts = :next, last_error = :error, #g1sk = :due REMOVE parked_at",
                Map.of(":next", AttributeValue.fromN(Integer.toString(g.attempts() + 1)), ":error", AttributeValue.fromS(error),
                        ":due", AttributeValue.fromS(dueKey(due, g.tenantId(), g.subjectId()))), true);
    }

    /** Stops sweeping it: the guard leaves the index and stays as a record (a repair item says what happened). */
    public boolean park(Guard g, String error) {
        return update(g, "SET attempts = :next, last_error = :error, #state = :parked, parked_at = :now REMOVE #g1pk, #g1sk",
                Map.of(":next", AttributeValue.fromN(Integer.toString(g.attempts() + 1)), ":error", AttributeValue.fromS(error),
                        ":parked", AttributeValue.fromS("parked"), ":now", AttributeValue.fromS(clock.instant().toString())), false);
    }

    /** Puts a parked guard back in the sweep, due now, with its attempts reset (a person retries it). */
    public boolean rearm(String tenant, String subjectId) {
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(SingleTable.primaryKey(pk(tenant, subjectId), Keys.SINGLE))
                    .updateExpression("SET attempts = :zero, #state = :pending, #g1pk = :shard, #g1sk = :due")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#state", "state", "#g1pk", Keys.GSI1PK, "#g1sk", Keys.GSI1SK))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":pending", AttributeValue.fromS("pending"),
                            ":shard", AttributeValue.fromS(shard(subjectId)),
                            ":due", AttributeValue.fromS(dueKey(clock.instant(), tenant, subjectId)))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    private boolean update(Guard g, String expression, Map<String, AttributeValue> values, boolean sortKeyOnly) {
        Map<String, AttributeValue> v = new java.util.HashMap<>(values);
        v.put(":attempts", AttributeValue.fromN(Integer.toString(g.attempts())));
        Map<String, String> names = new java.util.HashMap<>(Map.of("#g1sk", Keys.GSI1SK));
        if (!sortKeyOnly) {
            names.put("#g1pk", Keys.GSI1PK);
            names.put("#state", "state");
        }
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(SingleTable.primaryKey(pk(g.tenantId(), g.subjectId()), Keys.SINGLE))
                    .updateExpression(expression).conditionExpression("attempts = :attempts")
                    .expressionAttributeNames(names).expressionAttributeValues(v));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    static String pk(String tenant, String subjectId) { return Keys.sagaStart(tenant, subjectId); }

    private static String shard(String subjectId) { return Keys.sagaStartShard(Math.floorMod(subjectId.hashCode(), SHARDS)); }

    private static String dueKey(Instant due, String tenant, String subject) {
        return String.format("%012d", due.getEpochSecond()) + "#" + tenant + "#" + subject;
    }

    private static Guard fromItem(JsonNode o) {
        return new Guard(Shapes.text(o, "tenant_id"), Shapes.text(o, "order_id"), Shapes.text(o, "subject_id"), Shapes.text(o, "event_type"),
                Shapes.text(o, "event"), o.path("attempts").asInt(), Shapes.text(o, "state"), Shapes.text(o, "last_error"));
    }
}
