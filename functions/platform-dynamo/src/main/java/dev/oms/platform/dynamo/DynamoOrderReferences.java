package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.lookup.OrderReference;
import dev.oms.app.port.OrderReferences;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.order.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Lookups by reference: {@code external_reference} is unique, so it is the GetItem of its {@code T#t#EXTREF#} item
 * and the order it names; the metadata references are one Query of the sparse GSI4 / GSI5 (projection ALL: the headers
 * themselves), newest first.
 */
public final class DynamoOrderReferences implements OrderReferences {
    private final SingleTable table;
    private final DynamoOrderRepository orders;

    public DynamoOrderReferences(SingleTable table, DynamoOrderRepository orders) {
        this.table = table;
        this.orders = orders;
    }

    @Override
    public Page<Order> find(String tenantId, OrderReference reference, PageRequest page) {
        return switch (reference.kind()) {
            case EXTERNAL_REFERENCE -> new Page<>(orders.findIdByExternalReference(tenantId, reference.value())
                    .flatMap(id -> orders.find(tenantId, id)).stream().toList(), null);
            case MERCHANT_REFERENCE -> query(Keys.GSI4, Keys.ordersByMerchantReference(tenantId, reference.value()), page);
            case CUSTOMER_REFERENCE -> query(Keys.GSI5, Keys.ordersByCustomerReference(tenantId, reference.value()), page);
        };
    }

    /** A low-level Query (the shared document schema declares GSI1-GSI3 only), newest first. */
    private Page<Order> query(String index, String pk, PageRequest page) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table.name()).indexName(index)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", index + "PK"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .scanIndexForward(false).limit(page.limit());
        Map<String, AttributeValue> start = Positions.decode(page.position());
        if (start != null) q.exclusiveStartKey(start);
        QueryResponse result = table.client().query(q.build());
        List<Order> found = new ArrayList<>();
        ObjectNode last = null;
        for (Map<String, AttributeValue> item : result.items()) {
            last = SingleTable.item(item);
            found.add(OrderItemMapper.fromItem(last));
        }
        boolean more = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty() && last != null;
        return new Page<>(found, more ? Positions.encode(Positions.keyOf(last, index)) : null);
    }
}
