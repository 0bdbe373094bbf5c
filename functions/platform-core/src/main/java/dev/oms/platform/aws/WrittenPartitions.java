package dev.oms.platform.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The partitions a DynamoDB write request writes to, as {@code table T#t#ORDER#o1} or {@code GSI1 T#t#ORDERS#S03},
 * each with the write units of the item written there: the table partition of every item it puts, updates or
 * deletes, and the index partitions of every item it puts (an update names only the item's key, so the index
 * partitions it touches are not known here, and it counts one unit). A put's units are its item's size in KB rounded
 * up, the size estimated as DynamoDB documents it (attribute names and values; the transactional double charge left
 * out). For the load test (docs/scaling.md), through {@link RequestMeter}.
 */
final class WrittenPartitions {
    private static final String[] INDEXES = {"GSI1", "GSI2", "GSI3", "GSI4", "GSI5"};

    private WrittenPartitions() { }

    /** A partition written and the write units it took. */
    record Write(String partition, int units) { }

    static List<Write> of(SdkRequest request) {
        List<Write> out = new ArrayList<>();
        switch (request) {
            case PutItemRequest r -> put(r.item(), out);
            case UpdateItemRequest r -> key(r.key(), out);
            case DeleteItemRequest r -> key(r.key(), out);
            case TransactWriteItemsRequest r -> {
                for (TransactWriteItem i : r.transactItems()) {
                    if (i.put() != null) put(i.put().item(), out);
                    if (i.update() != null) key(i.update().key(), out);
                    if (i.delete() != null) key(i.delete().key(), out);
                }
            }
            case BatchWriteItemRequest r -> {
                for (List<WriteRequest> writes : r.requestItems().values()) {
                    for (WriteRequest w : writes) {
                        if (w.putRequest() != null) put(w.putRequest().item(), out);
                        if (w.deleteRequest() != null) key(w.deleteRequest().key(), out);
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    private static void put(Map<String, AttributeValue> item, List<Write> out) {
        long bytes = 0;
        for (var e : item.entrySet()) bytes += utf8(e.getKey()) + size(e.getValue());
        int units = (int) Math.max(1, (bytes + 1023) / 1024);
        AttributeValue pk = item.get("PK");
        if (pk != null && pk.s() != null) out.add(new Write("table " + pk.s(), units));
        for (String index : INDEXES) {
            AttributeValue ipk = item.get(index + "PK");
            if (ipk != null && ipk.s() != null) out.add(new Write(index + " " + ipk.s(), units));
        }
    }

    private static void key(Map<String, AttributeValue> key, List<Write> out) {
        AttributeValue pk = key.get("PK");
        if (pk != null && pk.s() != null) out.add(new Write("table " + pk.s(), 1));
    }

    /** An attribute value's size as DynamoDB counts it (strings UTF-8, numbers about half their digits, 3 bytes per map or list). */
    private static long size(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return v.n().length() / 2 + 1;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.b() != null) return v.b().asByteArray().length;
        long n = 3;
        if (v.hasM()) for (var e : v.m().entrySet()) n += utf8(e.getKey()) + size(e.getValue()) + 1;
        if (v.hasL()) for (AttributeValue e : v.l()) n += size(e) + 1;
        if (v.hasSs()) for (String e : v.ss()) n += utf8(e);
        if (v.hasNs()) for (String e : v.ns()) n += e.length() / 2 + 1;
        return n;
    }

    private static long utf8(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; }
}
