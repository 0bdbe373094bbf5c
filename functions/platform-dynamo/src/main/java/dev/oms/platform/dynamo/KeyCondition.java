package dev.oms.platform.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which items of one partition a query reads: the whole partition, or a range of its sort keys. The attribute names
 * come from the index the query runs on ({@code PK}/{@code SK}, or {@code GSI1PK}/{@code GSI1SK} for {@code GSI1}).
 * <pre>KeyCondition.sortBeginsWith(pk, "EVT#")</pre>
 */
public record KeyCondition(String partition, String operator, String sortValue, String sortUpper) {
    /** Every item of the partition. */
    public static KeyCondition partition(String partition) { return new KeyCondition(partition, null, null, null); }

    public static KeyCondition sortBeginsWith(String partition, String prefix) { return new KeyCondition(partition, "begins_with", prefix, null); }

    /** Sort keys from {@code lower} to {@code upper}, both included. */
    public static KeyCondition sortBetween(String partition, String lower, String upper) { return new KeyCondition(partition, "between", lower, upper); }

    public static KeyCondition sortLessThan(String partition, String value) { return new KeyCondition(partition, "<", value, null); }

    public static KeyCondition sortLessThanOrEqualTo(String partition, String value) { return new KeyCondition(partition, "<=", value, null); }

    /** The key condition expression on {@code index} (null: the table), merged with a filter's names and values. */
    Expression on(String index) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#kpk", index == null ? Keys.PK : index + "PK");
        values.put(":kpk", AttributeValue.fromS(partition));
        String text = "#kpk = :kpk";
        if (operator != null) {
            names.put("#ksk", index == null ? Keys.SK : index + "SK");
            values.put(":ksk", AttributeValue.fromS(sortValue));
            text += switch (operator) {
                case "begins_with" -> " AND begins_with(#ksk, :ksk)";
                case "between" -> {
                    values.put(":ksk2", AttributeValue.fromS(sortUpper));
                    yield " AND #ksk BETWEEN :ksk AND :ksk2";
                }
                default -> " AND #ksk " + operator + " :ksk";
            };
        }
        return new Expression(text, names, values);
    }
}
