package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.ShippingRecordStore;
import dev.oms.domain.DomainEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.Manifest;
import dev.oms.domain.shipping.ShippingRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The shipping records in the single table ({@link ShippingKeys}): one transaction per change with the record on its
 * expected version, its events ({@link EventItemMapper#toAggregateItem}: the outbox, the audit log), its claims and
 * the idempotent response.
 */
public final class DynamoShippingRecords implements ShippingRecordStore {
    private final SingleTable table;
    private final IdGenerator ids;

    public DynamoShippingRecords(SingleTable table, IdGenerator ids) {
        this.table = table;
        this.ids = ids;
    }

    @Override
    public <T extends ShippingRecord> Optional<T> find(String tenantId, Class<T> type, String id) {
        return table.get(ShippingKeys.record(tenantId, id), Keys.SINGLE).map(ShippingRecordCodec::read).filter(type::isInstance).map(type::cast);
    }

    @Override
    public List<Manifest> manifests(String tenantId, String warehouseId, String carrier, LocalDate dispatchDate) {
        return query(TableQuery.builder().index(Keys.GSI4)
                .keyCondition(KeyCondition.sortBeginsWith(ShippingKeys.manifests(tenantId, warehouseId, carrier), dispatchDate + "#")).limit(20).build());
    }

    @Override
    public Optional<Manifest> latestManifest(String tenantId, String warehouseId, String carrier) {
        return query(TableQuery.builder().index(Keys.GSI4).keyCondition(KeyCondition.partition(ShippingKeys.manifests(tenantId, warehouseId, carrier)))
                .scanIndexForward(false).limit(1).build()).stream().findFirst();
    }

    /** One page of a manifests Query of GSI4 (projection ALL). */
    private List<Manifest> query(TableQuery q) {
        List<Manifest> out = new ArrayList<>();
        for (ObjectNode item : table.query(q).iterator().next().items()) {
            if (ShippingRecordCodec.read(item) instanceof Manifest m) out.add(m);
        }
        return out;
    }

    @Override
    public Optional<String> claimant(String tenantId, String name) {
        return table.get(ShippingKeys.claim(tenantId, name), Keys.SINGLE).map(n -> n.path("record_id").asText(null)).filter(java.util.Objects::nonNull);
    }

    @Override
    public void save(String tenantId, ShippingRecord next, List<DomainEvent> events, CommandMeta meta, List<Claim> claims, IdempotencyRecord idempotency) {
        String pk = ShippingKeys.record(tenantId, next.id());
        ObjectNode item = ShippingRecordCodec.write(next);
        item.put(Keys.PK, pk);
        item.put(Keys.SK, Keys.SINGLE);
        if (next instanceof Manifest m) {
            item.put(Keys.GSI4PK, ShippingKeys.manifests(tenantId, m.warehouseId(), m.carrier()));
            item.put(Keys.GSI4SK, m.dispatchDate() + "#" + m.id());
        }
        Expression condition = next.version() == 1
                ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(next.version() - 1))).build();
        TableTransaction tx = table.transaction().put(item, condition);
        AggregateWrites.addEvents(ids, tx, pk, tenantId, next.aggregateType(), next.id(), next.version(), events, meta);
        int firstClaim = tx.size(); // the first claim's place in the transaction (its cancellation reason's index)
        for (Claim c : claims) {
            ObjectNode claim = dev.oms.platform.json.Json.object();
            claim.put(Keys.PK, ShippingKeys.claim(tenantId, c.name()));
            claim.put(Keys.SK, Keys.SINGLE);
            claim.put("type", "shipping_claim");
            claim.put("record_id", next.id());
            tx.put(claim, Expression.of("attribute_not_exists(PK)"));
        }
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons() == null ? List.of() : e.cancellationReasons();
            if (!reasons.isEmpty() && failed(reasons.get(0))) {
                Map<String, AttributeValue> old = reasons.get(0).item();
                if (next.version() == 1) {
                    throw DomainException.conflict(next.aggregateType() + ".exists", next.id() + " exists already", "GET it instead.");
                }
                throw new ConcurrentUpdateException(old == null || !old.containsKey("version") ? 0 : Long.parseLong(old.get("version").n()));
            }
            for (int i = 0; i < claims.size(); i++) {
                if (reasons.size() > firstClaim + i && failed(reasons.get(firstClaim + i))) throw claims.get(i).ifTaken();
            }
            if (idempotency != null && reasons.size() > firstClaim + claims.size() && failed(reasons.get(firstClaim + claims.size()))) {
                throw IdempotencyStore.lostClaim();
            }
            throw e;
        }
    }

    private static boolean failed(CancellationReason r) { return "ConditionalCheckFailed".equals(r.code()); }
}
