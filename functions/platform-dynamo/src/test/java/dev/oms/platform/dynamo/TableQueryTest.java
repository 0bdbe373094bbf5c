package dev.oms.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The low-level requests that {@link TableQuery}, {@link KeyCondition} and {@link TableTransaction} build. */
class TableQueryTest {
    @Test
    void a_key_condition_names_the_keys_of_the_table_or_of_its_index() {
        QueryRequest table = TableQuery.builder().keyCondition(KeyCondition.sortBeginsWith("T#t1#ORDER#o1", "EVT#"))
                .consistentRead(true).limit(25).build().request("oms", null);
        assertThat(table.tableName()).isEqualTo("oms");
        assertThat(table.indexName()).isNull();
        assertThat(table.keyConditionExpression()).isEqualTo("#kpk = :kpk AND begins_with(#ksk, :ksk)");
        assertThat(table.expressionAttributeNames()).containsEntry("#kpk", "PK").containsEntry("#ksk", "SK");
        assertThat(table.expressionAttributeValues()).containsEntry(":kpk", AttributeValue.fromS("T#t1#ORDER#o1"))
                .containsEntry(":ksk", AttributeValue.fromS("EVT#"));
        assertThat(table.consistentRead()).isTrue();
        assertThat(table.limit()).isEqualTo(25);
        assertThat(table.scanIndexForward()).isTrue();

        QueryRequest index = TableQuery.builder().index(Keys.GSI2).keyCondition(KeyCondition.sortBetween("p", "a", "z"))
                .scanIndexForward(false).build().request("oms", null);
        assertThat(index.indexName()).isEqualTo("GSI2");
        assertThat(index.keyConditionExpression()).isEqualTo("#kpk = :kpk AND #ksk BETWEEN :ksk AND :ksk2");
        assertThat(index.expressionAttributeNames()).containsEntry("#kpk", "GSI2PK").containsEntry("#ksk", "GSI2SK");
        assertThat(index.expressionAttributeValues()).containsEntry(":ksk2", AttributeValue.fromS("z"));
        assertThat(index.scanIndexForward()).isFalse();
        assertThat(index.consistentRead()).isNull();

        assertThat(TableQuery.builder().keyCondition(KeyCondition.partition("p")).build().request("oms", null).keyConditionExpression())
                .isEqualTo("#kpk = :kpk");
        assertThat(TableQuery.builder().keyCondition(KeyCondition.sortLessThanOrEqualTo("p", "m")).build().request("oms", null)
                .keyConditionExpression()).isEqualTo("#kpk = :kpk AND #ksk <= :ksk");
    }

    @Test
    void a_filter_brings_its_names_and_values_and_a_start_key_continues_a_page() {
        Expression filter = Expression.builder().expression("#s = :s").putExpressionName("#s", "status")
                .putExpressionValue(":s", AttributeValue.fromS("open")).build();
        Map<String, AttributeValue> start = SingleTable.primaryKey("p", "EVT#5");
        QueryRequest q = TableQuery.builder().keyCondition(KeyCondition.partition("p")).filterExpression(filter).build().request("oms", start);
        assertThat(q.filterExpression()).isEqualTo("#s = :s");
        assertThat(q.expressionAttributeNames()).containsEntry("#s", "status").containsEntry("#kpk", "PK");
        assertThat(q.expressionAttributeValues()).containsEntry(":s", AttributeValue.fromS("open"));
        assertThat(q.exclusiveStartKey()).isEqualTo(start);
        assertThat(TableQuery.builder().keyCondition(KeyCondition.partition("p")).build().request("oms", Map.of()).hasExclusiveStartKey()).isFalse();
    }

    @Test
    void a_query_needs_a_key_condition_and_an_index_has_no_consistent_reads() {
        assertThatThrownBy(() -> TableQuery.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition("p")).consistentRead(true).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Expression.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_transaction_keeps_the_order_of_its_writes_and_asks_for_the_old_item_of_a_conditioned_one() {
        ObjectNode item = Json.object().put(Keys.PK, "p").put(Keys.SK, "s").put("version", 2);
        TableTransaction tx = new TableTransaction("oms")
                .put(item, Expression.builder().expression("version = :v").putExpressionValue(":v", AttributeValue.fromN("1")).build())
                .put(item)
                .delete("p", "old", Expression.of("attribute_exists(PK)"))
                .delete("p", "gone");
        TransactWriteItemsRequest r = tx.request();
        assertThat(tx.size()).isEqualTo(4);
        assertThat(r.transactItems().get(0).put().conditionExpression()).isEqualTo("version = :v");
        assertThat(r.transactItems().get(0).put().returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(r.transactItems().get(0).put().item()).containsEntry("version", AttributeValue.fromN("2"));
        assertThat(r.transactItems().get(1).put().conditionExpression()).isNull();
        assertThat(r.transactItems().get(1).put().expressionAttributeValues()).isEmpty();
        assertThat(r.transactItems().get(2).delete().key()).isEqualTo(SingleTable.primaryKey("p", "old"));
        assertThat(r.transactItems().get(2).delete().hasExpressionAttributeNames()).isFalse();
        assertThat(r.transactItems().get(3).delete().conditionExpression()).isNull();
    }
}
