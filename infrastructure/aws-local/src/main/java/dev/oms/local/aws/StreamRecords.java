package dev.oms.local.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Converts DynamoDB Streams records of the AWS SDK v2 into the {@code DynamodbEvent} records of
 * aws-lambda-java-events (which has its own AttributeValue type), and into the JSON Lambda's event filtering sees.
 */
final class StreamRecords {
    private StreamRecords() { }

    static DynamodbEvent.DynamodbStreamRecord toLambda(Record r, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventVersion(r.eventVersion() == null ? "1.1" : r.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(LocalAws.REGION);
        out.setEventSourceARN(streamArn);
        software.amazon.awssdk.services.dynamodb.model.StreamRecord d = r.dynamodb();
        StreamRecord s = new StreamRecord();
        if (d.approximateCreationDateTime() != null) s.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
        if (d.hasKeys()) s.setKeys(map(d.keys()));
        if (d.hasNewImage()) s.setNewImage(map(d.newImage()));
        if (d.hasOldImage()) s.setOldImage(map(d.oldImage()));
        s.setSequenceNumber(d.sequenceNumber());
        s.setSizeBytes(d.sizeBytes());
        if (d.streamViewTypeAsString() != null) s.setStreamViewType(StreamViewType.fromValue(d.streamViewTypeAsString()));
        out.setDynamodb(s);
        if (r.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setPrincipalId(r.userIdentity().principalId());
            identity.setType(r.userIdentity().type());
            out.setUserIdentity(identity);
        }
        return out;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map(Map<String, AttributeValue> in) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(map(v.m()));
            case L -> out.setL(v.l().stream().map(StreamRecords::value).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("Unknown attribute type in " + v);
        }
        return out;
    }

    /** The record as Lambda's FilterCriteria see it (DynamoDB JSON under {@code dynamodb}). */
    static ObjectNode filterView(Record r) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        o.put("eventID", r.eventID());
        o.put("eventName", r.eventNameAsString());
        o.put("eventSource", "aws:dynamodb");
        o.put("awsRegion", LocalAws.REGION);
        ObjectNode d = o.putObject("dynamodb");
        if (r.dynamodb().hasKeys()) d.set("Keys", json(r.dynamodb().keys()));
        if (r.dynamodb().hasNewImage()) d.set("NewImage", json(r.dynamodb().newImage()));
        if (r.dynamodb().hasOldImage()) d.set("OldImage", json(r.dynamodb().oldImage()));
        d.put("SequenceNumber", r.dynamodb().sequenceNumber());
        return o;
    }

    private static ObjectNode json(Map<String, AttributeValue> m) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        m.forEach((k, v) -> o.set(k, json(v)));
        return o;
    }

    private static ObjectNode json(AttributeValue v) {
        ObjectNode o = Jsons.MAPPER.createObjectNode();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", v.n());
            case B -> o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case SS -> v.ss().forEach(o.putArray("SS")::add);
            case NS -> v.ns().forEach(o.putArray("NS")::add);
            case BS -> {
                ArrayNode a = o.putArray("BS");
                v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            case M -> o.set("M", json(v.m()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(x -> a.add(json(x)));
            }
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            default -> { }
        }
        return o;
    }
}
