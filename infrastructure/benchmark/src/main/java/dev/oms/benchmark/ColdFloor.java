package dev.oms.benchmark;

import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start floor, run in a fresh JVM by {@link Benchmark} beside each {@link ColdStart}: the least a Java
 * function that stores and reads an item can do. It builds an SDK v2 DynamoDB client (the same HTTP client, region,
 * credentials and endpoint settings as the functions) and does one PutItem and one GetItem on the same DynamoDB Local
 * table. Prints {@link ProcessFigures#line}.
 */
public final class ColdFloor {
    private ColdFloor() { }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String table = System.getProperty("TABLE_NAME", "OrdersTable");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            String id = "FLOOR#" + System.nanoTime();
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS(id), "SK", AttributeValue.fromS("A#FLOOR"));
            java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(key);
            item.put("payload", AttributeValue.fromS("{\"customer_id\":\"cust-cold\",\"currency\":\"GBP\"}"));
            dynamo.putItem(r -> r.tableName(table).item(item));
            if (!dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).hasItem()) {
                System.err.println("the floor's item was not read back");
                System.exit(1);
            }
        }
        System.out.println(ProcessFigures.line(start));
    }
}
