package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.DomainException;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Key records. A request first claims its key (one conditional put that, when it fails, returns what is
 * already there); the completed response is then written in the same transaction as the change it guards.
 * Records live 24 hours (TTL); a claim whose request died is taken over after {@link #STALE_CLAIM_SECONDS}.
 */
public final class IdempotencyStore {
    public static final long TTL_SECONDS = 24 * 3600;
    public static final long STALE_CLAIM_SECONDS = 60;

    private final SingleTable table;
    private final Clock clock;

    /** The table the records live in. */
    public SingleTable table() { return table; }

    public IdempotencyStore(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** What a claim found. */
    public sealed interface Claim permits Claimed, Completed, InProgress { }

    public record Claimed() implements Claim { }

    public record Completed(String fingerprint, int status, String body, Map<String, String> headers) implements Claim { }

    public record InProgress(String fingerprint) implements Claim { }

    public Claim claim(String tenant, String scope, String owner, String fingerprint) { return claim(tenant, scope, owner, fingerprint, null); }

    /**
     * As {@link #claim(String, String, String, String)}, and also takes over a claim still in progress whose owner
     * starts with {@code supersededOwners} (a job run that a newer run of the same job replaced, for example after a
     * crash). Safe: a completion is conditional on its owner, so the old owner can no longer complete.
     */
    public Claim claim(String tenant, String scope, String owner, String fingerprint, String supersededOwners) {
        long now = clock.instant().getEpochSecond();
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.idempotency(tenant, hash(scope)));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "idempotency");
        item.put("state", "in_progress");
        item.put("owner", owner);
        item.put("fingerprint", fingerprint);
        item.put("claimed_at", now);
        item.put(Keys.TTL, now + TTL_SECONDS);
        Expression.Builder cb = Expression.builder()
                .expression("attribute_not_exists(PK) OR #ttl < :now OR (#state = :inprog AND claimed_at < :stale)"
                        + (supersededOwners == null ? "" : " OR (#state = :inprog AND begins_with(#owner, :superseded) AND #owner <> :owner)"))
                .putExpressionName("#ttl", Keys.TTL).putExpressionName("#state", "state")
                .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now)))
                .putExpressionValue(":inprog", AttributeValue.fromS("in_progress"))
                .putExpressionValue(":stale", AttributeValue.fromN(Long.toString(now - STALE_CLAIM_SECONDS)));
        if (supersededOwners != null) {
            cb.putExpressionName("#owner", "owner").putExpressionValue(":superseded", AttributeValue.fromS(supersededOwners))
                    .putExpressionValue(":owner", AttributeValue.fromS(owner));
        }
        Expression condition = cb.build();
        try {
            table.put(item, condition);
            return new Claimed();
        } catch (ConditionalCheckFailedException e) {
            JsonNode old = SingleTable.item(e.item());
            if ("completed".equals(old.path("state").asText())) {
                return new Completed(old.path("fingerprint").asText(), old.path("status").asInt(), Shapes.text(old, "body"),
                        Shapes.stringMap(old.path("headers")));
            }
            return new InProgress(old.path("fingerprint").asText());
        }
    }

    /** Adds the completed record to a command's transaction; it fails the transaction if the claim was lost. */
    public static void addCompletion(TableTransaction tx, IdempotencyRecord r) {
        tx.put(completedItem(r), ownedBy(r.owner()));
    }

    /**
     * Puts a new item (refused if its key exists) and, under an {@code Idempotency-Key}, the completed record in the
     * same transaction; without a key, one conditional put.
     */
    public static void putNew(SingleTable table, ObjectNode item, IdempotencyRecord idempotency) {
        put(table, item, idempotency, Expression.of("attribute_not_exists(PK)"));
    }

    /** Like {@link #putNew}, over an item that exists (refused if it does not). */
    public static void putOver(SingleTable table, ObjectNode item, IdempotencyRecord idempotency) {
        put(table, item, idempotency, Expression.of("attribute_exists(PK)"));
    }

    private static void put(SingleTable table, ObjectNode item, IdempotencyRecord idempotency, Expression absent) {
        if (idempotency == null) {
            table.put(item, absent);
            return;
        }
        TableTransaction tx = table.transaction().put(item, absent);
        addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            throw lostClaim();
        }
    }

    /** Stores the completed record on its own, for requests whose work wrote nothing else. */
    public void complete(IdempotencyRecord r) {
        try {
            table.put(completedItem(r), ownedBy(r.owner()));
        } catch (ConditionalCheckFailedException e) {
            throw lostClaim();
        }
    }

    /** Gives the key back after a request failed, so that the client can retry it. */
    public void release(String tenant, String scope, String owner) {
        try {
            table.delete(Keys.idempotency(tenant, hash(scope)), Keys.SINGLE, Expression.builder().expression("#owner = :owner AND #state = :inprog")
                    .putExpressionName("#owner", "owner").putExpressionName("#state", "state")
                    .putExpressionValue(":owner", AttributeValue.fromS(owner))
                    .putExpressionValue(":inprog", AttributeValue.fromS("in_progress")).build());
        } catch (ConditionalCheckFailedException ignored) {
            // someone else holds or completed it: nothing of ours to release
        }
    }

    static DomainException lostClaim() {
        return DomainException.conflict("idempotency.in_progress", "Another request with the same Idempotency-Key took over",
                "Retry with the same key to get the stored response.");
    }

    private static ObjectNode completedItem(IdempotencyRecord r) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, Keys.idempotency(r.tenantId(), hash(r.scope())));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "idempotency");
        item.put("state", "completed");
        item.put("owner", r.owner());
        item.put("fingerprint", r.fingerprint());
        item.put("status", r.status());
        item.put("body", r.body());
        item.set("headers", Json.valueToTree(r.headers()));
        item.put(Keys.TTL, r.expiresAtEpochSecond());
        return item;
    }

    private static Expression ownedBy(String owner) {
        return Expression.builder().expression("#owner = :owner").putExpressionName("#owner", "owner")
                .putExpressionValue(":owner", AttributeValue.fromS(owner)).build();
    }

    public static String hash(String scope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
