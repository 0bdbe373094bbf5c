package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.impersonation.ImpersonationConsent;
import dev.oms.app.impersonation.ImpersonationConsentStore;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.DomainEvent;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The customers' impersonation choices: {@code PK = T#t#IMPERSONATION_CONSENT#{customer}}, {@code SK = A}, with a
 * {@code version} guarded on write; the event {@code customer.impersonation_consent_changed} (subject the customer) and
 * the idempotent answer are written in the same transaction.
 */
public final class DynamoImpersonationConsents implements ImpersonationConsentStore {
    private final SingleTable table;

    public DynamoImpersonationConsents(SingleTable table) { this.table = table; }

    static String pk(String tenantId, String customerId) { return "T#" + tenantId + "#IMPERSONATION_CONSENT#" + customerId; }

    @Override
    public Optional<ImpersonationConsent> find(String tenantId, String customerId) {
        return table.get(pk(tenantId, customerId), Keys.SINGLE).map(i -> new ImpersonationConsent(tenantId, customerId,
                i.path("allowed").asBoolean(), Times.parse(i.path("changed_at").asText()), i.path("version").asLong()));
    }

    @Override
    public boolean save(ImpersonationConsent next, String eventId, CommandMeta meta, IdempotencyRecord idempotency) {
        String pk = pk(next.tenantId(), next.customerId());
        ObjectNode item = Json.object();
        item.put(Keys.PK, pk);
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "impersonation_consent");
        item.put("tenant_id", next.tenantId());
        item.put("customer_id", next.customerId());
        item.put("allowed", next.allowed());
        item.put("changed_at", Times.format(next.changedAt()));
        item.put("version", next.version());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer_id", next.customerId());
        data.put("allowed", next.allowed());
        data.put("changed_at", Times.format(next.changedAt()));
        ObjectNode event = EventItemMapper.toAggregateItem(pk, eventId, next.tenantId(), "customer", next.customerId(), next.version(),
                DomainEvent.of("customer.impersonation_consent_changed", data), meta);
        Expression condition = next.version() == 1
                ? Expression.of("attribute_not_exists(PK)")
                : Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN(Long.toString(next.version() - 1))).build();
        TableTransaction tx = table.transaction().put(item, condition).put(event);
        if (idempotency != null) IdempotencyStore.addCompletion(tx, idempotency);
        try {
            table.transact(tx);
            return true;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons == null || reasons.isEmpty() || !"ConditionalCheckFailed".equals(reasons.get(0).code())) {
                if (idempotency != null && reasons != null && reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) {
                    throw IdempotencyStore.lostClaim();
                }
                throw e;
            }
            return false;
        }
    }
}
